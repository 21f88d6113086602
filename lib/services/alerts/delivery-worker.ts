import { db } from "@/lib/db";
import {
  buildEventNotification,
  buildTestNotification,
} from "@/lib/alerts/channels/build-notification";
import { sendAlertNotification } from "@/lib/alerts/channels/send-alert-notification";
import type { SendResult } from "@/lib/alerts/channels/send-result";
import { openChannelSettings } from "./alert-channel-view";
import { retryDelayMs } from "./delivery-backoff";

/** The worker looks for due deliveries at least this often (retries, other replicas' rows). */
const TICK_MS = 2_000;
/**
 * A claimed delivery is not due again for this long: longer than any one attempt (an SMTP send
 * can wait three 10 s timeouts), so a replica never picks up a row another one is still sending.
 * A process that dies mid-send leaves its row to be tried again after the lease.
 */
const LEASE_MS = 120_000;

const KEY = Symbol.for("berth.alertDeliveryWorker");
type WorkerGlobal = { [KEY]?: DeliveryWorker };

/** Deliveries were queued or reset: the worker looks now (the app and server are separate bundles). */
export function alertDeliveriesQueued(): void {
  (globalThis as WorkerGlobal)[KEY]?.wake();
}

/**
 * Sends the queued alert deliveries from the server process. Each channel's deliveries go out in
 * order, one at a time, and channels independently of each other, so a slow or failing receiver
 * delays only its own channel. A delivery is claimed by moving its nextAttemptAt on with a
 * conditional update: of several processes only the one whose update lands sends it.
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | null = null;
  /** channels with a sending loop in this process */
  private readonly busy = new Set<string>();
  private stopped = false;

  start(): void {
    (globalThis as WorkerGlobal)[KEY] = this;
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if ((globalThis as WorkerGlobal)[KEY] === this) delete (globalThis as WorkerGlobal)[KEY];
  }

  wake(): void {
    this.sleep(0);
  }

  private sleep(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const due = await db.alertDelivery.findMany({
        where: { status: "pending", nextAttemptAt: { lte: new Date() } },
        select: { channelId: true },
        distinct: ["channelId"],
      });
      for (const { channelId } of due) {
        if (!this.busy.has(channelId)) void this.drain(channelId);
      }
    } catch (err) {
      console.error("alert deliveries:", err instanceof Error ? err.message : err);
    }
    this.sleep(TICK_MS);
  }

  /** Sends one channel's due deliveries, oldest first, until none is due. */
  private async drain(channelId: string): Promise<void> {
    this.busy.add(channelId);
    try {
      while (!this.stopped) {
        const row = await db.alertDelivery.findFirst({
          where: { channelId, status: "pending", nextAttemptAt: { lte: new Date() } },
          orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
        });
        if (!row) break;
        const claimed = await db.alertDelivery.updateMany({
          where: { id: row.id, status: "pending", nextAttemptAt: row.nextAttemptAt },
          data: { nextAttemptAt: new Date(Date.now() + LEASE_MS) },
        });
        if (claimed.count === 1) await deliver(row.id);
      }
    } catch (err) {
      console.error("alert deliveries:", err instanceof Error ? err.message : err);
    } finally {
      this.busy.delete(channelId);
    }
  }
}

/** One attempt at one claimed delivery, and its outcome recorded. */
async function deliver(deliveryId: string): Promise<void> {
  const row = await db.alertDelivery.findUnique({
    where: { id: deliveryId },
    include: { channel: true, event: true },
  });
  if (!row) return;
  let result: SendResult;
  if (!row.channel.enabled) {
    result = { ok: false, code: null, response: "The channel is disabled." };
  } else {
    try {
      const settings = openChannelSettings(row.channel);
      const notification =
        row.event && row.trigger !== "test"
          ? buildEventNotification(row.event, row.trigger === "resolved" ? "resolved" : "fired")
          : buildTestNotification(row.channel.name);
      result = await sendAlertNotification(settings, notification, row.recipient);
    } catch (err) {
      // the stored settings no longer open or parse: say so, without their content
      result = {
        ok: false,
        code: null,
        response: `The channel's settings could not be read: ${err instanceof Error ? err.name : "error"}.`,
      };
    }
  }
  const now = new Date();
  const attempts = row.attempts + 1;
  const delay = result.ok ? null : retryDelayMs(attempts);
  await db.alertDelivery.update({
    where: { id: row.id },
    data: {
      attempts,
      lastAttemptAt: now,
      responseCode: result.code,
      response: result.response,
      ...(result.ok
        ? { status: "sent", sentAt: now }
        : delay === null
          ? { status: "failed" }
          : { nextAttemptAt: new Date(now.getTime() + delay) }),
    },
  });
}
