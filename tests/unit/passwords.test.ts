import { describe, expect, it } from "vitest";
import { burnPasswordCheck, hashPassword, verifyPassword } from "@/lib/auth/passwords";

describe("password hashing", () => {
  it("stores argon2id hashes that verify only the right password", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(stored).not.toContain("correct horse battery");
    expect(await verifyPassword(stored, "correct horse battery")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery!")).toBe(false);
  });

  it("salts each hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("spends real work on unknown accounts", async () => {
    const t0 = performance.now();
    await burnPasswordCheck("whatever");
    await burnPasswordCheck("whatever");
    expect(performance.now() - t0).toBeGreaterThan(1);
  });
});

describe("timing of unknown accounts", () => {
  it("checks against a fixed hash made with the parameters real hashes use", async () => {
    const { DUMMY_PASSWORD_HASH } = await import("@/lib/auth/passwords");
    const params = (h: string) => h.split("$").slice(0, 4).join("$");
    expect(params(DUMMY_PASSWORD_HASH)).toBe(params(await hashPassword("anything")));
  });
});
