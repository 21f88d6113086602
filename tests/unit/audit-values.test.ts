import { describe, expect, it } from "vitest";
import { auditRowHash, canonicalJson, type HashedAuditRow } from "@/lib/services/audit/audit-hash";
import { csvCell, csvLine } from "@/lib/services/audit/csv";
import { redactSecrets } from "@/lib/services/audit/redact-secrets";
import { AuditQuerySchema } from "@/lib/protocol";

const ROW: HashedAuditRow = {
  id: 7n,
  at: new Date("2026-11-22T10:00:00.123Z"),
  actorId: "u1",
  actorLabel: "ada@example.test",
  hostId: "h1",
  action: "container.stop",
  target: "web",
  params: { b: 1, a: [true, null, "x"] },
  outcome: "SUCCESS",
  error: null,
  clientAddress: "10.0.0.5",
};

describe("audit hash", () => {
  it("does not depend on the order jsonb hands keys back in", () => {
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: [{ z: 1, y: 2 }] })).toBe(
      '{"a":[{"y":2,"z":1}],"b":{"c":2,"d":1}}',
    );
    expect(auditRowHash({ ...ROW, params: { a: [true, null, "x"], b: 1 } }, "p")).toBe(
      auditRowHash(ROW, "p"),
    );
  });

  it("changes with any column and with the previous hash", () => {
    const base = auditRowHash(ROW, "prev");
    expect(auditRowHash(ROW, "prev")).toBe(base);
    expect(auditRowHash(ROW, null)).not.toBe(base);
    expect(auditRowHash(ROW, "prev2")).not.toBe(base);
    for (const change of [
      { id: 8n },
      { at: new Date(ROW.at.getTime() + 1) },
      { actorId: null },
      { actorLabel: "eve@example.test" },
      { hostId: "h2" },
      { action: "container.start" },
      { target: "db" },
      { params: { b: 2, a: [true, null, "x"] } },
      { outcome: "DENIED" },
      { error: "" },
      { clientAddress: "10.0.0.6" },
    ] satisfies Array<Partial<HashedAuditRow>>) {
      expect(
        auditRowHash({ ...ROW, ...change }, "prev"),
        JSON.stringify(Object.keys(change)),
      ).not.toBe(base);
    }
  });
});

describe("audit parameters", () => {
  it("lose secret values at any depth and keep the rest", () => {
    expect(
      redactSecrets({
        password: "hunter2",
        newPassword: "x",
        name: "web",
        auth: { token: "t", apiKey: "k", user: "bob" },
        list: [{ clientSecret: "s" }],
        passwordHash: "$argon2id$...",
        pass: "p",
        passenger: "kept",
      }),
    ).toEqual({
      password: "[redacted]",
      newPassword: "[redacted]",
      name: "web",
      auth: { token: "[redacted]", apiKey: "[redacted]", user: "bob" },
      list: [{ clientSecret: "[redacted]" }],
      passwordHash: "[redacted]",
      pass: "[redacted]",
      passenger: "kept",
    });
  });
});

describe("audit filters", () => {
  it("read times without a zone as UTC, like the times the log shows", () => {
    const q = AuditQuerySchema.parse({ from: "2026-11-22T10:30", to: "2026-11-23" });
    expect(q.from?.toISOString()).toBe("2026-11-22T10:30:00.000Z");
    expect(q.to?.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(AuditQuerySchema.safeParse({ from: "yesterday-ish" }).success).toBe(false);
    expect(AuditQuerySchema.safeParse({ before: "1 OR 1=1" }).success).toBe(false);
  });
});

describe("CSV cells", () => {
  it("quote separators, quotes and line breaks", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", bye')).toBe('"say ""hi"", bye"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
  });

  it("defuse text a spreadsheet would run as a formula", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+cmd")).toBe("'+cmd");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=x")).toBe("'\t=x");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
});
