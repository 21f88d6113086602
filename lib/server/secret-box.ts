import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const PREFIX = "v1:";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

type Holder = { berthSecretKey?: Buffer };
const holder = globalThis as unknown as Holder;

function parseKey(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== KEY_BYTES)
    throw new Error(
      `${source} must be ${KEY_BYTES} bytes, base64-encoded (openssl rand -base64 32)`,
    );
  return key;
}

/**
 * The key that encrypts secrets at rest (registry passwords, SSH keys, tokens): from
 * BERTH_ENCRYPTION_KEY, else generated once into the data directory (mode 0600).
 */
export async function loadSecretKey(dataDir: string): Promise<void> {
  const fromEnv = process.env.BERTH_ENCRYPTION_KEY;
  if (fromEnv) {
    holder.berthSecretKey = parseKey(fromEnv, "BERTH_ENCRYPTION_KEY");
    return;
  }
  const file = path.join(dataDir, "encryption.key");
  try {
    holder.berthSecretKey = parseKey(await readFile(file, "utf8"), file);
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  await writeFile(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  holder.berthSecretKey = key;
}

/** For tests and tools that run outside the server process. */
export function useSecretKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`the secret key must be ${KEY_BYTES} bytes`);
  holder.berthSecretKey = key;
}

function key(): Buffer {
  const k = holder.berthSecretKey;
  if (!k) throw new Error("the secret key is not loaded (loadSecretKey runs at server start)");
  return k;
}

/**
 * AES-256-GCM. `context` (e.g. "registry:<id>") is authenticated but not stored, so a
 * ciphertext copied to another row does not decrypt there.
 */
export function sealSecret(plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function openSecret(sealed: string, context: string): string {
  if (!sealed.startsWith(PREFIX)) throw new Error("not a sealed secret");
  const raw = Buffer.from(sealed.slice(PREFIX.length), "base64");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error("sealed secret is truncated");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([
    decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString("utf8");
}
