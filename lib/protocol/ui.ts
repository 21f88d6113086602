import { z } from "zod";
import { HostSampleSchema } from "./metrics";

export const UI_NAMESPACE = "/ui";

export const HostStatusSchema = z.object({
  hostId: z.string(),
  online: z.boolean(),
  lastSeenAt: z.number().nullable(),
});
export type HostStatus = z.infer<typeof HostStatusSchema>;

export const HostSubscribeSchema = z.object({ hostId: z.string().min(1).max(100) });
export type HostSubscribe = z.infer<typeof HostSubscribeSchema>;

export const UiAckSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), samples: z.array(HostSampleSchema).optional() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type UiAck = z.infer<typeof UiAckSchema>;

/** Event names on the /ui namespace. */
export const UiEvents = {
  /** client → server, ack(UiAck with recent samples): start receiving a host's live samples */
  metricsSubscribe: "host.metrics.subscribe",
  metricsUnsubscribe: "host.metrics.unsubscribe",
  /** server → client */
  metricsSample: "host.metrics.sample",
  /** server → client: a host the user may see came online or went offline */
  hostStatus: "host.status",
  /** server → client: {hostId, change: ContainerChange | {kind: "snapshot"}} for a visible host */
  containersChanged: "containers.changed",
  /** server → client: {hostId}; the host's image list changed */
  imagesChanged: "images.changed",
  /** server → client: {hostId, items: {id, cpuPercent, memoryBytes}[]} */
  containerStats: "containers.stats",
  /** server → client: {callId, progress: Progress} for a command this user started */
  commandProgress: "command.progress",
  /** server → client, just before it disconnects: {message}; the user was disabled or expired */
  sessionEnded: "session.ended",
} as const;
