import { db } from "@/lib/db";
import { visibleHostsWhere } from "@/lib/auth/guard";
import { alertDeliveriesQueued } from "./delivery-worker";

/**
 * Queues an event's notifications: one delivery per enabled channel of its rule, and a personal
 * email for each user who asked for this rule by email and may read the event's host, through
 * the rule's first enabled email channel. Then wakes the worker. Never throws: an alert must not
 * fail because a channel cannot be queued (the problem is logged).
 */
export async function enqueueAlertDeliveries(
  eventId: string,
  trigger: "fired" | "resolved",
): Promise<void> {
  try {
    const event = await db.alertEvent.findUnique({
      where: { id: eventId },
      include: {
        rule: {
          include: {
            channels: {
              where: { channel: { enabled: true } },
              include: { channel: true },
              orderBy: { channel: { createdAt: "asc" } },
            },
          },
        },
      },
    });
    if (!event || event.silenced) return;
    const channels = event.rule.channels.map((link) => link.channel);
    const rows: Array<{ eventId: string; channelId: string; trigger: string; recipient?: string }> =
      channels.map((channel) => ({ eventId, channelId: channel.id, trigger }));
    const email = channels.find((channel) => channel.type === "email");
    if (email) {
      const own = new Set(
        ((email.config as { to?: string[] }).to ?? []).map((address) => address.toLowerCase()),
      );
      for (const address of await personalRecipients(event.ruleId, event.hostId)) {
        if (!own.has(address.toLowerCase()))
          rows.push({ eventId, channelId: email.id, trigger, recipient: address });
      }
    }
    if (rows.length === 0) return;
    await db.alertDelivery.createMany({ data: rows });
    alertDeliveriesQueued();
  } catch (err) {
    console.error(
      `alert deliveries for event ${eventId}:`,
      err instanceof Error ? err.message : err,
    );
  }
}

/** Addresses of active users who want this rule by email and can read the host (admins: any). */
async function personalRecipients(ruleId: string, hostId: string | null): Promise<string[]> {
  const wanting = await db.alertPreference.findMany({
    where: { ruleId, email: true, user: { disabled: false } },
    select: { user: { select: { id: true, email: true, name: true, role: true } } },
  });
  const addresses: string[] = [];
  for (const { user } of wanting) {
    if (user.role !== "ADMIN") {
      if (!hostId) continue;
      const readable = await db.host.count({
        where: { AND: [{ id: hostId }, visibleHostsWhere(user)] },
      });
      if (!readable) continue;
    }
    addresses.push(user.email);
  }
  return addresses;
}
