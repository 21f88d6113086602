import type { AlertEventView } from "@/lib/protocol";
import { db, type AlertEvent } from "@/lib/db";

/** Alerts as the API shows them, with their deliveries counted by status. */
export async function toAlertEventViews(rows: AlertEvent[]): Promise<AlertEventView[]> {
  const counts = await db.alertDelivery.groupBy({
    by: ["eventId", "status"],
    where: { eventId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  const now = new Date();
  return rows.map((row) => {
    const deliveries = { sent: 0, failed: 0, pending: 0 };
    for (const c of counts) if (c.eventId === row.id) deliveries[c.status] = c._count._all;
    const silencedNow = row.silencedUntil !== null && row.silencedUntil > now;
    return {
      id: row.id,
      ruleId: row.ruleId,
      ruleName: row.ruleName,
      kind: row.kind,
      severity: row.severity,
      subject: row.subject,
      hostId: row.hostId,
      hostName: row.hostName,
      containerName: row.containerName,
      message: row.message,
      details:
        typeof row.details === "object" && row.details !== null && !Array.isArray(row.details)
          ? (row.details as Record<string, unknown>)
          : {},
      firedAt: row.firedAt.toISOString(),
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      resolvedMessage: row.resolvedMessage,
      silenced: row.silenced,
      silencedUntil: silencedNow ? row.silencedUntil!.toISOString() : null,
      silencedBy: silencedNow ? row.silencedBy : null,
      deliveries,
    };
  });
}
