import { BerthError } from "@/lib/protocol";
import { ecrEndpointOf, fetchEcrLogin, type EcrAccess, type EcrLogin } from "@/lib/registries/ecr";
import {
  cachedEcrLogin,
  ecrLoginFingerprint,
  rememberEcrLogin,
} from "@/lib/registries/ecr-login-cache";
import { openSecret } from "@/lib/server/secret-box";
import { secretContext } from "./registry-view";

export type EcrRow = {
  id: string;
  name: string;
  username: string | null;
  secretSealed: string | null;
  region: string | null;
  apiEndpoint: string | null;
};

/** The access key and endpoint of a form's or a row's values. */
export function ecrAccessOf(
  values: { username: string | null; region: string | null; apiEndpoint: string | null },
  secretAccessKey: string | undefined,
): EcrAccess {
  const endpoint = ecrEndpointOf(values);
  if (!values.username || !secretAccessKey || !values.region || !endpoint) {
    throw new BerthError(
      "BAD_REQUEST",
      "Enter the access key id, secret access key and region of this Amazon ECR registry.",
    );
  }
  return { accessKeyId: values.username, secretAccessKey, region: values.region, endpoint };
}

const fingerprintOf = (row: EcrRow) =>
  ecrLoginFingerprint([row.username, row.secretSealed, row.region, row.apiEndpoint]);

/**
 * Asks ECR for a login with the values about to be saved, so a key AWS refuses is reported
 * next to its field and nothing is stored. The login is kept for the saved row by `keepEcrLogin`.
 */
export async function checkEcrAccess(
  values: { username: string | null; region: string | null; apiEndpoint: string | null },
  secretAccessKey: string | undefined,
): Promise<EcrLogin> {
  return fetchEcrLogin(ecrAccessOf(values, secretAccessKey));
}

/** Keeps the login checked at save time for the row as saved (its pulls need not ask again). */
export function keepEcrLogin(row: EcrRow, login: EcrLogin): void {
  rememberEcrLogin(row.id, fingerprintOf(row), login);
}

/**
 * The registry login of a stored ECR registry for a pull, push, build or browse: from the
 * server's memory while valid, otherwise asked from ECR. Errors name the registry, not a form
 * field (the user is not looking at the registry's form).
 */
export async function ecrLoginOf(row: EcrRow): Promise<EcrLogin> {
  const secret = row.secretSealed ? openSecret(row.secretSealed, secretContext(row.id)) : undefined;
  try {
    return await cachedEcrLogin(row.id, fingerprintOf(row), () =>
      fetchEcrLogin(ecrAccessOf(row, secret)),
    );
  } catch (err) {
    if (!(err instanceof BerthError)) throw err;
    throw new BerthError(err.code, `${err.message} (registry ${row.name})`);
  }
}
