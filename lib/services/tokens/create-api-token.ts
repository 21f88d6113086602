import { db } from "@/lib/db";
import { randomSecret, sha256Hex } from "@/lib/crypto";
import { API_TOKEN_PREFIX, CreateApiTokenSchema, type ApiTokenView } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { toApiTokenView } from "./api-token-view";

const DAY_MS = 86_400_000;

/** Issues a personal API token. Only its hash is stored: the token is returned this once. */
export async function createApiToken(
  user: SessionUser,
  input: unknown,
  clientAddress?: string,
): Promise<{ token: string; view: ApiTokenView }> {
  const { name, expiresInDays } = CreateApiTokenSchema.parse(input);
  return audited(
    {
      actor: user,
      action: "api-token.create",
      target: name,
      params: { expiresInDays },
      clientAddress,
    },
    async () => {
      const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
      const row = await db.apiToken.create({
        data: {
          userId: user.id,
          name,
          tokenHash: sha256Hex(token),
          prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
          expiresAt: new Date(Date.now() + expiresInDays * DAY_MS),
        },
      });
      return { token, view: toApiTokenView(row) };
    },
  );
}
