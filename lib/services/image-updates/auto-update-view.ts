import type { AutoUpdatePolicyView } from "@/lib/protocol";
import { db, type AutoUpdatePolicy } from "@/lib/db";
import { BerthError } from "@/lib/protocol";
import { CronSchema } from "@/lib/services/volumes/cron-schedule";

export function toAutoUpdateView(row: AutoUpdatePolicy, hostName: string): AutoUpdatePolicyView {
  return {
    id: row.id,
    hostId: row.hostId,
    hostName,
    containerName: row.containerName,
    labelKey: row.labelKey,
    labelValue: row.labelValue,
    cron: row.cron,
    enabled: row.enabled,
    createdBy: row.createdBy,
    nextRunAt: row.nextRunAt.toISOString(),
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    lastOutcome: row.lastOutcome,
    lastOk: row.lastOk,
  };
}

/** The schedule, checked by croner; a bad one is refused at the cron field. */
export function validCron(cron: string): string {
  const parsed = CronSchema.safeParse(cron);
  if (!parsed.success) {
    throw new BerthError(
      "BAD_REQUEST",
      parsed.error.issues[0]?.message ?? "Not a cron expression.",
      "cron",
    );
  }
  return parsed.data;
}

export async function hostNameOf(hostId: string): Promise<string> {
  return (
    (await db.host.findUnique({ where: { id: hostId }, select: { name: true } }))?.name ?? hostId
  );
}
