import { z } from "zod";
import {
  AlertDeliveryStatusSchema,
  AlertDeliveryTriggerSchema,
  AlertDeliveryViewSchema,
} from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import { visibleHostsWhere } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";

export const AlertDeliveryQuerySchema = z.object({
  channelId: z.string().max(64).optional(),
  eventId: z.string().max(64).optional(),
  status: AlertDeliveryStatusSchema.optional(),
  /** the id of the last delivery of the previous page */
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A delivery log row: the delivery and what its event was about. */
export const AlertDeliveryRowSchema = AlertDeliveryViewSchema.extend({
  /** a personal email's address; null for the channel's own recipients */
  recipient: z.string().nullable(),
  event: z
    .object({
      ruleName: z.string(),
      hostName: z.string().nullable(),
      containerName: z.string().nullable(),
    })
    .nullable(),
});
export type AlertDeliveryRow = z.infer<typeof AlertDeliveryRowSchema>;

export const AlertDeliveryPageSchema = z.object({
  deliveries: z.array(AlertDeliveryRowSchema),
  nextCursor: z.string().nullable(),
});
export type AlertDeliveryPage = z.infer<typeof AlertDeliveryPageSchema>;

/**
 * The delivery log, newest first. Administrators see every delivery; others the deliveries of
 * events on hosts they can read (never tests, nor other users' personal emails).
 */
export async function listAlertDeliveries(
  user: SessionUser,
  query: unknown,
): Promise<AlertDeliveryPage> {
  const q = AlertDeliveryQuerySchema.parse(query);
  const where: Prisma.AlertDeliveryWhereInput[] = [];
  if (q.channelId) where.push({ channelId: q.channelId });
  if (q.eventId) where.push({ eventId: q.eventId });
  if (q.status) where.push({ status: q.status });
  if (user.role !== "ADMIN") {
    const hosts = await db.host.findMany({ where: visibleHostsWhere(user), select: { id: true } });
    where.push({
      trigger: { not: "test" },
      event: { hostId: { in: hosts.map((h) => h.id) } },
      OR: [{ recipient: null }, { recipient: { equals: user.email, mode: "insensitive" } }],
    });
  }
  const rows = await db.alertDelivery.findMany({
    where: { AND: where },
    include: {
      channel: { select: { name: true, type: true } },
      event: { select: { ruleName: true, hostName: true, containerName: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, q.limit);
  return {
    deliveries: page.map((row) => ({
      id: row.id,
      eventId: row.eventId,
      channelId: row.channelId,
      channelName: row.channel.name,
      channelType: row.channel.type,
      trigger: AlertDeliveryTriggerSchema.parse(row.trigger),
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
      lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
      responseCode: row.responseCode,
      response: row.response,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
      recipient: row.recipient,
      event: row.event,
    })),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
