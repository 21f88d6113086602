import { z } from "zod";
import { ProgressMessageSchema } from "./agent";
import { AlertEventViewSchema } from "./alerts";
import { ContainerChangeSchema, ContainerStatsItemSchema } from "./containers";
import type { WireError } from "./errors";
import {
  ExecAckSchema,
  ExecExitSchema,
  ExecInputSchema,
  ExecOutputSchema,
  ExecResizeSchema,
  ExecStartSchema,
} from "./exec";
import { LogBatchSchema, LogEndSchema, LogSubscribeSchema } from "./logs";
import { HostSampleSchema } from "./metrics";
import { ContainerStatsSampleSchema } from "./stats";

export const UI_NAMESPACE = "/ui";

export const HostStatusSchema = z.object({
  hostId: z.string(),
  online: z.boolean(),
  lastSeenAt: z.number().nullable(),
});
export type HostStatus = z.infer<typeof HostStatusSchema>;

const HostIdSchema = z.string().min(1).max(100);

export const HostSubscribeSchema = z.object({ hostId: HostIdSchema });
export type HostSubscribe = z.infer<typeof HostSubscribeSchema>;

/** Browser → server: follow one container's live stats. */
export const StatsSubscribeSchema = z.object({
  hostId: HostIdSchema,
  containerId: z.string().min(1).max(128),
});

/** Browser → server: open a terminal in a container on a host. */
export const UiExecStartSchema = ExecStartSchema.extend({ hostId: HostIdSchema });

const SubscriptionRefSchema = z.object({ subscriptionId: z.string().max(100) });
const SessionRefSchema = z.object({ sessionId: z.string().max(100) });

/**
 * Browser → server on /ui: each request's event name, its params and, for those the server
 * answers through the socket.io acknowledgement, the body of the `{ ok: true, ... }` reply (a
 * refusal is `{ ok: false, error }`, see UiReply). A request without `reply` gets no answer.
 */
export const UiRequests = {
  /** Start receiving a host's live samples (one a second while watched); the recent ones first. */
  metricsSubscribe: {
    event: "host.metrics.subscribe",
    params: HostSubscribeSchema,
    reply: z.object({ samples: z.array(HostSampleSchema) }),
  },
  metricsUnsubscribe: { event: "host.metrics.unsubscribe", params: HostSubscribeSchema },
  /** Follow a container's log; the lines come as logs.batch, the end as logs.end. */
  logsSubscribe: {
    event: "logs.subscribe",
    params: LogSubscribeSchema,
    reply: z.object({ subscriptionId: z.string() }),
  },
  logsUnsubscribe: { event: "logs.unsubscribe", params: SubscriptionRefSchema },
  /** Follow a container's stats (stats.sample, one a second; stats.end); the recent ones first. */
  statsSubscribe: {
    event: "stats.subscribe",
    params: StatsSubscribeSchema,
    reply: z.object({
      subscriptionId: z.string(),
      samples: z.array(ContainerStatsSampleSchema),
    }),
  },
  statsUnsubscribe: { event: "stats.unsubscribe", params: SubscriptionRefSchema },
  /** Open a terminal; its output comes as exec.output, its end as exec.exit. */
  execStart: {
    event: "exec.start",
    params: UiExecStartSchema,
    reply: z.object({ sessionId: z.string() }),
  },
  /** Keystrokes and pasted text. */
  execInput: {
    event: "exec.input",
    params: SessionRefSchema.extend({ data: ExecInputSchema.shape.data }),
  },
  execResize: {
    event: "exec.resize",
    params: SessionRefSchema.extend({
      cols: ExecResizeSchema.shape.cols,
      rows: ExecResizeSchema.shape.rows,
    }),
  },
  /** The terminal has shown this much output: flow control, see ExecAckSchema. */
  execAck: {
    event: "exec.ack",
    params: SessionRefSchema.extend({ shown: ExecAckSchema.shape.shown }),
  },
  /** The user closed the terminal. */
  execClose: { event: "exec.close", params: SessionRefSchema },
} as const satisfies Record<string, { event: string; params: z.ZodType; reply?: z.ZodType }>;

/**
 * Server → browser on /ui: each push's event name and payload. The browser acknowledges an
 * `acked` push once it has taken it, and the server sends more only as acks come back.
 */
export const UiPushes = {
  /** One new sample of a host this socket subscribed to. */
  metricsSample: {
    event: "host.metrics.sample",
    payload: z.object({ hostId: z.string(), sample: HostSampleSchema }),
  },
  /** A host the user may see came online or went offline. */
  hostStatus: { event: "host.status", payload: HostStatusSchema },
  /** A host was added (its agent enrolled) or removed: host lists load again. */
  hostsChanged: { event: "hosts.changed", payload: z.object({ hostId: z.string() }) },
  /** A container of a visible host changed; "snapshot": the host's whole list was replaced. */
  containersChanged: {
    event: "containers.changed",
    payload: z.object({
      hostId: z.string(),
      change: z.union([ContainerChangeSchema, z.object({ kind: z.literal("snapshot") })]),
    }),
  },
  /** A visible host's image list changed. */
  imagesChanged: { event: "images.changed", payload: z.object({ hostId: z.string() }) },
  /** A visible host's networks changed: created, removed, a container connected or disconnected. */
  networksChanged: { event: "networks.changed", payload: z.object({ hostId: z.string() }) },
  /** A visible host's volumes changed (created, removed, mounted, unmounted, sizes measured). */
  volumesChanged: { event: "volumes.changed", payload: z.object({ hostId: z.string() }) },
  /** The swarm changed as a visible host sees it: nodes, services, tasks, overlay networks. */
  swarmChanged: { event: "swarm.changed", payload: z.object({ hostId: z.string() }) },
  /** A visible host's compose stacks changed: a stack saved, deployed or removed, or a container of a project changed. */
  stacksChanged: { event: "stacks.changed", payload: z.object({ hostId: z.string() }) },
  /** Alerts changed: one fired, resolved or was silenced, or a rule changed (null: not one host's). */
  alertsChanged: { event: "alerts.changed", payload: z.object({ hostId: z.string().nullable() }) },
  /** An alert fired or resolved that reaches this user in the app (their preferences allow it). */
  alertNotification: {
    event: "alert.notification",
    payload: z.object({ trigger: z.enum(["fired", "resolved"]), event: AlertEventViewSchema }),
  },
  /** A visible host's image update checks have new answers. */
  imageUpdatesChanged: {
    event: "image-updates.changed",
    payload: z.object({ hostId: z.string() }),
  },
  /** Fresh CPU and memory of a visible host's running containers. */
  containerStats: {
    event: "containers.stats",
    payload: z.object({ hostId: z.string(), items: z.array(ContainerStatsItemSchema) }),
  },
  /** Progress of a command this user started with a callId. */
  commandProgress: { event: "command.progress", payload: ProgressMessageSchema },
  /** Sent just before the server disconnects a disabled or expired user. */
  sessionEnded: { event: "session.ended", payload: z.object({ message: z.string() }) },
  /** Log records of a subscription, as bytes (see LogBatchSchema). */
  logsBatch: { event: "logs.batch", payload: LogBatchSchema, acked: true },
  logsEnd: { event: "logs.end", payload: LogEndSchema },
  statsSample: {
    event: "stats.sample",
    payload: z.object({ subscriptionId: z.string(), sample: ContainerStatsSampleSchema }),
  },
  /** The stats subscription is over: the container or host went away, or access was removed. */
  statsEnd: {
    event: "stats.end",
    payload: z.object({ subscriptionId: z.string(), message: z.string().optional() }),
  },
  /** Terminal output; the agent keeps within the terminal's exec.ack window. */
  execOutput: { event: "exec.output", payload: ExecOutputSchema },
  execExit: { event: "exec.exit", payload: ExecExitSchema },
} as const satisfies Record<string, { event: string; payload: z.ZodType; acked?: true }>;

type Requests = typeof UiRequests;
type Pushes = typeof UiPushes;
export type UiRequestKey = keyof Requests;
type UiPushKey = keyof Pushes;

function eventNames<M extends Record<string, { event: string }>>(
  map: M,
): { [K in keyof M]: M[K]["event"] } {
  return Object.fromEntries(Object.entries(map).map(([key, { event }]) => [key, event])) as {
    [K in keyof M]: M[K]["event"];
  };
}

/** Every /ui event name, requests and pushes, by the key it has in UiRequests or UiPushes. */
export const UiEvents = { ...eventNames(UiRequests), ...eventNames(UiPushes) };

type RequestByEvent = { [K in UiRequestKey as Requests[K]["event"]]: Requests[K] };
type PushByEvent = { [K in UiPushKey as Pushes[K]["event"]]: Pushes[K] };
type UiRequestEvent = keyof RequestByEvent;
/** The requests the server answers. */
export type UiAnsweredEvent = {
  [E in UiRequestEvent]: RequestByEvent[E] extends { reply: z.ZodType } ? E : never;
}[UiRequestEvent];

/** What the browser sends with a request (defaults still optional). */
export type UiRequestParams<E extends UiRequestEvent> = z.input<RequestByEvent[E]["params"]>;
type ReplyBody<E extends UiAnsweredEvent> = RequestByEvent[E] extends {
  reply: infer S extends z.ZodType;
}
  ? z.infer<S>
  : never;
type UiFailure = { ok: false; error: WireError };
/** The server's answer to a request: its reply body, or why it refused. */
export type UiReply<E extends UiAnsweredEvent> = ({ ok: true } & ReplyBody<E>) | UiFailure;
export type UiPushPayload<E extends keyof PushByEvent> = z.infer<PushByEvent[E]["payload"]>;

/** The /ui events a browser emits, typed for socket.io's `Socket<..., ClientToServerEvents>`. */
export type UiClientToServerEvents = {
  [E in UiRequestEvent]: E extends UiAnsweredEvent
    ? (params: UiRequestParams<E>, ack: (reply: UiReply<E>) => void) => void
    : (params: UiRequestParams<E>) => void;
};

/** The /ui events a server emits, typed for socket.io's `Socket<..., ServerToClientEvents>`. */
export type UiServerToClientEvents = {
  [E in keyof PushByEvent]: PushByEvent[E] extends { acked: true }
    ? (payload: UiPushPayload<E>, ack: () => void) => void
    : (payload: UiPushPayload<E>) => void;
};
