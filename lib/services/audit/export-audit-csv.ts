import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import type { AuditQuery } from "@/lib/protocol";
import { auditWhere } from "./audit-filter";
import { csvLine } from "./csv";
import { hostNames, toAuditRow } from "./list-audit-events";
import { recordAudit } from "./record-audit";

const HEADER = [
  "id",
  "time",
  "actor",
  "actor_id",
  "host",
  "host_id",
  "action",
  "target",
  "outcome",
  "error",
  "client_address",
  "parameters",
];
const BATCH = 500;

/**
 * The filtered audit log as CSV, newest first, read a batch at a time as the client takes it,
 * so a large export never sits in memory. The export itself is audited.
 */
export async function exportAuditCsv(
  actor: SessionUser,
  query: AuditQuery,
  clientAddress?: string,
): Promise<ReadableStream<Uint8Array>> {
  requireGlobalPermission(actor, "audit.read");
  const { before: _ignored, ...filters } = query;
  await recordAudit({
    actor,
    action: "audit.export",
    outcome: "SUCCESS",
    params: {
      ...filters,
      from: filters.from?.toISOString() ?? null,
      to: filters.to?.toISOString() ?? null,
    },
    clientAddress,
  });
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${csvLine(HEADER)}`));
          return;
        }
        if (done) return;
        const events = await db.auditEvent.findMany({
          where: auditWhere({ ...filters, before: cursor }),
          orderBy: { id: "desc" },
          take: BATCH,
        });
        const names = await hostNames(events.map((e) => e.hostId));
        const text = events
          .map((e) => {
            const r = toAuditRow(e, names);
            return csvLine([
              r.id,
              new Date(r.at).toISOString(),
              r.actor,
              r.actorId,
              r.hostName,
              r.hostId,
              r.action,
              r.target,
              r.outcome,
              r.error,
              r.clientAddress,
              r.params,
            ]);
          })
          .join("");
        if (text) controller.enqueue(encoder.encode(text));
        cursor = events.at(-1)?.id.toString();
        if (events.length < BATCH) {
          done = true;
          controller.close();
        }
      },
    },
    { highWaterMark: 1 },
  );
}
