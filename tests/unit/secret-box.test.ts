import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSecretKey, openSecret, sealSecret, useSecretKey } from "@/lib/server/secret-box";

describe("secret box", () => {
  it("round-trips and never stores the plaintext", () => {
    useSecretKey(randomBytes(32));
    const sealed = sealSecret("hunter2-registry-password", "registry:1");
    expect(sealed).not.toContain("hunter2");
    expect(openSecret(sealed, "registry:1")).toBe("hunter2-registry-password");
    expect(sealSecret("same", "c")).not.toBe(sealSecret("same", "c"));
  });

  it("refuses another row's context, a flipped bit and another key", () => {
    useSecretKey(randomBytes(32));
    const sealed = sealSecret("secret", "registry:1");
    // AES-GCM's own refusal: the authentication tag does not match
    const refused = "Unsupported state or unable to authenticate data";
    expect(() => openSecret(sealed, "registry:2")).toThrow(refused);
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1]! ^= 1;
    expect(() => openSecret(`v1:${raw.toString("base64")}`, "registry:1")).toThrow(refused);
    useSecretKey(randomBytes(32));
    expect(() => openSecret(sealed, "registry:1")).toThrow(refused);
  });

  it("generates a private key file once and reuses it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "berth-key-"));
    await loadSecretKey(dir);
    const sealed = sealSecret("x", "c");
    const file = path.join(dir, "encryption.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const first = readFileSync(file, "utf8");
    useSecretKey(randomBytes(32));
    await loadSecretKey(dir);
    expect(readFileSync(file, "utf8")).toBe(first);
    expect(openSecret(sealed, "c")).toBe("x");
  });

  it("takes the key from BERTH_ENCRYPTION_KEY and rejects a wrong length", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "berth-key-"));
    process.env.BERTH_ENCRYPTION_KEY = randomBytes(16).toString("base64");
    try {
      await expect(loadSecretKey(dir)).rejects.toThrow(/32 bytes/);
    } finally {
      delete process.env.BERTH_ENCRYPTION_KEY;
    }
  });
});
