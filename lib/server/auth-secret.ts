import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomSecret } from "@/lib/crypto";

/**
 * The key that signs session cookies: from NEXTAUTH_SECRET or BERTH_SECRET, else generated once
 * into the data directory (mode 0600) so sessions survive restarts.
 */
export async function ensureAuthSecret(dataDir: string): Promise<string> {
  const fromEnv = process.env.NEXTAUTH_SECRET ?? process.env.BERTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, "secret.key");
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomSecret(48);
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return secret;
}
