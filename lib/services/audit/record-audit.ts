import { db, type Prisma } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { auditRowHash } from "./audit-hash";
import { redactSecrets } from "./redact-secrets";

export type AuditEntry = {
  actor: SessionUser | { id?: undefined; label: string };
  action: string;
  outcome: "SUCCESS" | "FAILURE" | "DENIED";
  hostId?: string | null;
  target?: string | null;
  params?: Prisma.InputJsonValue;
  error?: string | null;
  clientAddress?: string | null;
};

/** Serialises audit writers, so every row chains to the one written just before it. */
const AUDIT_CHAIN_LOCK = 727275;

/** The Setting that names the chain's first row: every row from it on must carry a hash. */
export const AUDIT_CHAIN_START = "audit.chainStart";

/**
 * Appends one row to the audit log; the database refuses to change or delete it later. Under a
 * transaction-scoped advisory lock the row takes the next id and the hash of the row before it,
 * so concurrent writers (in this process or another replica) cannot fork the chain.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  const actorId = "email" in entry.actor ? entry.actor.id : null;
  const actorLabel = "email" in entry.actor ? entry.actor.email : entry.actor.label;
  const params =
    entry.params === undefined
      ? undefined
      : (JSON.parse(JSON.stringify(redactSecrets(entry.params))) as Prisma.InputJsonValue);
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
      // A statement after the lock's: its snapshot includes the previous holder's row.
      const [head] = await tx.$queryRaw<Array<{ id: bigint; prev: string | null }>>`
        SELECT nextval(pg_get_serial_sequence('"AuditEvent"', 'id')) AS id,
               (SELECT "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1) AS prev`;
      const row = {
        id: head!.id,
        at: new Date(),
        actorId,
        actorLabel,
        hostId: entry.hostId ?? null,
        action: entry.action,
        target: entry.target ?? null,
        params: params ?? null,
        outcome: entry.outcome,
        error: entry.error ?? null,
        clientAddress: entry.clientAddress ?? null,
      };
      const prevHash = head!.prev;
      await tx.auditEvent.create({
        data: { ...row, params, prevHash, hash: auditRowHash(row, prevHash) },
      });
      // The first chained row is remembered once, so stripping the hashes from every row later
      // cannot pass them off as rows from before the log was chained.
      if (prevHash === null) {
        await tx.setting.createMany({
          data: [{ key: AUDIT_CHAIN_START, value: row.id.toString() }],
          skipDuplicates: true,
        });
      }
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}
