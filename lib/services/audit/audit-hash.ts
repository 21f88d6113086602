import { createHash } from "node:crypto";

/** The columns a row's hash covers, as Prisma reads them back. */
export type HashedAuditRow = {
  id: bigint;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  hostId: string | null;
  action: string;
  target: string | null;
  params: unknown;
  outcome: string;
  error: string | null;
  clientAddress: string | null;
};

/** JSON with object keys sorted at every level: jsonb does not keep the order keys were written in. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * sha256 over the row's content and the previous row's hash (null for the first row of the
 * chain), so changing, removing or reordering any row breaks every hash after it.
 */
export function auditRowHash(row: HashedAuditRow, prevHash: string | null): string {
  const content = [
    "berth-audit-v1",
    row.id.toString(),
    row.at.toISOString(),
    row.actorId,
    row.actorLabel,
    row.hostId,
    row.action,
    row.target,
    canonicalJson(row.params),
    row.outcome,
    row.error,
    row.clientAddress,
    prevHash,
  ];
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}
