import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random secret for tokens and keys: 32 bytes, URL-safe. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Tokens and keys are high-entropy, so a plain SHA-256 is the right hash to store. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function safeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
