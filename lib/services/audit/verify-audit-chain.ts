import { db, type AuditEvent } from "@/lib/db";
import { auditRowHash } from "./audit-hash";
import { AUDIT_CHAIN_START } from "./record-audit";

export type AuditChainReport = {
  /** Rows whose hash was checked. */
  checked: number;
  /** Rows written before the log was chained (by an earlier version), which no hash covers. */
  unchained: number;
  /** The first row that does not match its hash or does not follow the row before it. */
  firstBad: { id: bigint; reason: string } | null;
  /** The newest verified row: note it elsewhere to detect later removal of the newest rows. */
  last: { id: bigint; hash: string } | null;
};

const PAGE = 1000;

/** Walks the whole log in id order, a page at a time, recomputing every hash. */
export async function verifyAuditChain(): Promise<AuditChainReport> {
  const start = await db.setting.findUnique({ where: { key: AUDIT_CHAIN_START } });
  // Rows before the recorded start are older than the chain; without one, every row is chained.
  const chainStart = start ? BigInt(start.value) : null;
  let checked = 0;
  let unchained = 0;
  let chainStarted = false;
  let prev: { id: bigint; hash: string | null } | null = null;
  for (;;) {
    const after: bigint | null = prev?.id ?? null;
    const rows: AuditEvent[] = await db.auditEvent.findMany({
      where: after === null ? {} : { id: { gt: after } },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    if (rows.length === 0) break;

    for (const row of rows) {
      const beforeChain = chainStart !== null && row.id < chainStart;
      if (!chainStarted && row.hash === null && row.prevHash === null && beforeChain) {
        unchained++;
        prev = { id: row.id, hash: null };
        continue;
      }
      chainStarted = true;
      const bad = (reason: string): AuditChainReport => ({
        checked,
        unchained,
        firstBad: { id: row.id, reason },
        last: prev?.hash ? { id: prev.id, hash: prev.hash } : null,
      });
      if (row.hash === null) return bad("it has no hash: it was not written by Berth");
      const expectedPrev = prev?.hash ?? null;
      if (row.prevHash !== expectedPrev) {
        return bad(
          prev
            ? `it does not follow row ${prev.id}: a row between them was removed or changed`
            : "the first row of the log was removed",
        );
      }
      if (auditRowHash(row, row.prevHash) !== row.hash) {
        return bad("its content does not match its hash: the row was changed");
      }
      checked++;
      prev = { id: row.id, hash: row.hash };
    }
  }
  if (checked === 0 && unchained > 0) {
    return {
      checked,
      unchained,
      firstBad: {
        id: prev!.id,
        reason:
          "no row is covered by the hash chain: the hashes were removed, " +
          "or nothing was logged since the log was chained",
      },
      last: null,
    };
  }
  return {
    checked,
    unchained,
    firstBad: null,
    last: prev?.hash ? { id: prev.id, hash: prev.hash } : null,
  };
}
