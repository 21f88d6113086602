import { db, type Prisma } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";

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

/** Appends one row to the audit log; the database refuses to change or delete it later. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  const actorId = "email" in entry.actor ? entry.actor.id : null;
  const actorLabel = "email" in entry.actor ? entry.actor.email : entry.actor.label;
  await db.auditEvent.create({
    data: {
      actorId,
      actorLabel,
      action: entry.action,
      outcome: entry.outcome,
      hostId: entry.hostId ?? null,
      target: entry.target ?? null,
      params: entry.params,
      error: entry.error ?? null,
      clientAddress: entry.clientAddress ?? null,
    },
  });
}
