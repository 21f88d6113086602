import { db } from "@/lib/db";
import { randomSecret, sha256Hex } from "@/lib/crypto";

export const SETUP_TOKEN_SETTING = "setup.tokenHash";

/**
 * While no user exists, issues a fresh one-time setup token (only its hash is stored) and
 * returns it for the operator; once an admin exists, returns null.
 */
export async function issueSetupTokenIfNeeded(): Promise<string | null> {
  const users = await db.user.count();
  if (users > 0) {
    await db.setting.deleteMany({ where: { key: SETUP_TOKEN_SETTING } });
    return null;
  }
  const token = randomSecret(24);
  await db.setting.upsert({
    where: { key: SETUP_TOKEN_SETTING },
    create: { key: SETUP_TOKEN_SETTING, value: sha256Hex(token) },
    update: { value: sha256Hex(token) },
  });
  return token;
}

export async function isSetupPending(): Promise<boolean> {
  return (await db.user.count()) === 0;
}
