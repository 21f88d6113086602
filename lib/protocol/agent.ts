import { z } from "zod";
import {
  CommitParamsSchema,
  ContainerRefSchema,
  ContainerSummarySchema,
  DiffResultSchema,
  KillParamsSchema,
  RemoveParamsSchema,
  RenameParamsSchema,
  RunSpecSchema,
  StopParamsSchema,
  TopResultSchema,
} from "./containers";
import { EngineInfoSchema } from "./engine";
import {
  ImageBuildParamsSchema,
  ImageBuildResultSchema,
  ImageLayerSchema,
  ImageLoadParamsSchema,
  ImageLoadResultSchema,
  ImagePruneParamsSchema,
  ImagePruneResultSchema,
  ImagePullParamsSchema,
  ImagePushParamsSchema,
  ImagePushResultSchema,
  ImageRefSchema,
  ImageRemoveParamsSchema,
  ImageSummarySchema,
  ImageTagParamsSchema,
} from "./images";
import { LogOptionsSchema } from "./logs";
import {
  HostInterfaceSchema,
  NetworkConnectParamsSchema,
  NetworkDisconnectParamsSchema,
  NetworkPruneResultSchema,
  NetworkRefSchema,
  NetworkSpecSchema,
  NetworkSummarySchema,
} from "./networks";
import { ResolvePathsParamsSchema, ResolvePathsResultSchema } from "./policy";
import { ContainerStatsParamsSchema } from "./stats";
import { VolumeCommands, VolumeStreams } from "./volumes";
import { SwarmCommands } from "./swarm";
import { ComposeApplyCommands, ComposePlanCommands, ComposeStepSchema } from "./compose";
import { WireErrorSchema } from "./errors";

export const AGENT_NAMESPACE = "/agent";

/** POST /api/agent/enroll: a one-time token is exchanged for the host's own key. */
export const EnrollRequestSchema = z.object({
  token: z.string().min(16).max(200),
  hostname: z.string().min(1).max(253),
  protocolVersion: z.number().int(),
  agentVersion: z.string().max(50),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = z.object({
  hostId: z.string(),
  hostKey: z.string(),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

/** socket.io `auth` payload of the /agent handshake. */
export const AgentAuthSchema = z.object({
  hostId: z.string().min(1).max(100),
  hostKey: z.string().min(16).max(200),
  protocolVersion: z.number().int(),
  agentVersion: z.string().max(50),
});
export type AgentAuth = z.infer<typeof AgentAuthSchema>;

const Ok = z.object({ ok: z.literal(true) });
const IdParams = z.object({ id: ContainerRefSchema });

/** Commands the server sends to an agent: name → params and result schemas. */
export const AgentCommands = {
  "engine.info": { params: z.object({}), result: EngineInfoSchema },
  "engine.ping": { params: z.object({}), result: Ok },
  /** Is this connection's agent there? Answered at once, without the engine. */
  "agent.ping": { params: z.object({}), result: Ok },
  "container.list": {
    params: z.object({}),
    result: z.object({ containers: z.array(ContainerSummarySchema) }),
  },
  "container.inspect": {
    params: IdParams,
    result: z.object({ inspect: z.record(z.string(), z.unknown()) }),
  },
  /**
   * Pulls the image if missing (progress on the call's progress channel), creates, starts. The
   * agent refuses binds of its protected paths unless the host's policy allows them.
   */
  "container.create": {
    params: z.object({ spec: RunSpecSchema, allowProtectedPaths: z.boolean().default(false) }),
    result: z.object({ id: z.string(), name: z.string(), warnings: z.array(z.string()) }),
  },
  /** Creates the replacement beside the old container; the old one goes only once the new runs. */
  "container.recreate": {
    params: z.object({
      id: ContainerRefSchema,
      spec: RunSpecSchema,
      allowProtectedPaths: z.boolean().default(false),
      /**
       * Image updates: when the new container has a healthcheck, wait up to this long for it to
       * turn healthy (unhealthy or timed out: the new one goes, the old one is kept and started).
       */
      waitHealthyMs: z.number().int().min(1_000).max(900_000).optional(),
    }),
    result: z.object({ id: z.string(), name: z.string(), warnings: z.array(z.string()) }),
  },
  /** What host paths and named volumes really are (symlinks, `..`, bind volumes), for the policy. */
  "host.resolvePaths": { params: ResolvePathsParamsSchema, result: ResolvePathsResultSchema },
  "container.start": { params: IdParams, result: Ok },
  "container.stop": { params: StopParamsSchema, result: Ok },
  "container.restart": { params: StopParamsSchema, result: Ok },
  "container.kill": { params: KillParamsSchema, result: Ok },
  "container.pause": { params: IdParams, result: Ok },
  "container.unpause": { params: IdParams, result: Ok },
  "container.rename": { params: RenameParamsSchema, result: Ok },
  "container.remove": { params: RemoveParamsSchema, result: Ok },
  "container.commit": { params: CommitParamsSchema, result: z.object({ imageId: z.string() }) },
  "container.top": { params: IdParams, result: TopResultSchema },
  "container.diff": { params: IdParams, result: DiffResultSchema },
  "image.list": {
    params: z.object({}),
    result: z.object({ images: z.array(ImageSummarySchema) }),
  },
  "image.inspect": {
    params: z.object({ id: ImageRefSchema }),
    result: z.object({ inspect: z.record(z.string(), z.unknown()) }),
  },
  "image.history": {
    params: z.object({ id: ImageRefSchema }),
    result: z.object({ layers: z.array(ImageLayerSchema) }),
  },
  "image.tag": { params: ImageTagParamsSchema, result: Ok },
  "image.remove": {
    params: ImageRemoveParamsSchema,
    result: z.object({ untagged: z.array(z.string()), deleted: z.array(z.string()) }),
  },
  "image.prune": { params: ImagePruneParamsSchema, result: ImagePruneResultSchema },
  /** Progress (per layer) on the call's progress channel; cancellable with command.cancel. */
  "image.pull": { params: ImagePullParamsSchema, result: z.object({ id: z.string() }) },
  "image.push": { params: ImagePushParamsSchema, result: ImagePushResultSchema },
  /** Reads the context tar from an upload; build output as "build" progress; cancellable. */
  "image.build": { params: ImageBuildParamsSchema, result: ImageBuildResultSchema },
  /** Reads an image tar (`docker save` format) from an upload. */
  "image.load": { params: ImageLoadParamsSchema, result: ImageLoadResultSchema },
  "network.list": {
    params: z.object({}),
    result: z.object({ networks: z.array(NetworkSummarySchema) }),
  },
  /** The network with its containers' aliases, and the engine's inspect as it is. */
  "network.inspect": {
    params: z.object({ network: NetworkRefSchema }),
    result: z.object({
      network: NetworkSummarySchema,
      inspect: z.record(z.string(), z.unknown()),
    }),
  },
  /**
   * Refuses, before the engine sees it, a macvlan or ipvlan parent the host does not have, a
   * parent another network of that driver already uses, and a subnet an existing network has.
   */
  "network.create": {
    params: z.object({ spec: NetworkSpecSchema }),
    result: z.object({ id: z.string(), name: z.string() }),
  },
  /** Refused, naming them, while any container (running or stopped) is connected. */
  "network.remove": { params: z.object({ network: NetworkRefSchema }), result: Ok },
  "network.connect": { params: NetworkConnectParamsSchema, result: Ok },
  "network.disconnect": { params: NetworkDisconnectParamsSchema, result: Ok },
  /** Removes the networks no container (of any state) uses; the engine's own are never touched. */
  "network.prune": { params: z.object({}), result: NetworkPruneResultSchema },
  /** The host's network interfaces (macvlan and ipvlan parents). */
  "host.interfaces": {
    params: z.object({}),
    result: z.object({ interfaces: z.array(HostInterfaceSchema) }),
  },
  ...VolumeCommands,
  ...SwarmCommands,
  ...ComposePlanCommands,
  ...ComposeApplyCommands,
} as const;
export type AgentCommandName = keyof typeof AgentCommands;
export type AgentCommandParams<N extends AgentCommandName> = z.infer<
  (typeof AgentCommands)[N]["params"]
>;
export type AgentCommandResult<N extends AgentCommandName> = z.infer<
  (typeof AgentCommands)[N]["result"]
>;

export const AgentCommandRequestSchema = z.object({
  command: z.string(),
  params: z.unknown(),
  /** Set when the caller wants progress: the agent tags AgentEvents.progress messages with it. */
  callId: z.string().max(100).optional(),
});

/** One progress message of a long command (image pull while creating a container, ...). */
export const ProgressSchema = z.object({
  /** e.g. "pull" */
  phase: z.string(),
  /** The engine's words: "Downloading", "Pull complete", ... */
  status: z.string(),
  /** Layer id for per-layer progress. */
  id: z.string().optional(),
  current: z.number().optional(),
  total: z.number().optional(),
  /** Compose deploys: the step this message reports. */
  step: ComposeStepSchema.optional(),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const ProgressMessageSchema = z.object({ callId: z.string(), progress: ProgressSchema });
export type ProgressMessage = z.infer<typeof ProgressMessageSchema>;

/**
 * Byte streams from an agent (container export, later logs and image save): the server opens
 * one, the agent sends chunks and waits for each chunk's ack before the next (so a slow reader
 * slows the agent instead of filling memory), then an end message.
 */
export const AgentStreams = {
  "container.export": { params: IdParams },
  /** Log records, one a line (see LogLineSchema in logs.ts). */
  "container.logs": { params: LogOptionsSchema },
  /** Newline-delimited JSON ContainerStatsSample records, one a second (see stats.ts). */
  "container.stats": { params: ContainerStatsParamsSchema },
  /** `docker save`: images by id or name (names keep their tags in the tar). */
  "image.save": { params: z.object({ refs: z.array(ImageRefSchema).min(1).max(50) }) },
  ...VolumeStreams,
} as const;
export type AgentStreamName = keyof typeof AgentStreams;

export const StreamOpenSchema = z.object({
  streamId: z.string().max(100),
  stream: z.string(),
  params: z.unknown(),
});
export const StreamChunkSchema = z.object({ streamId: z.string(), data: z.instanceof(Uint8Array) });
export const StreamEndSchema = z.object({
  streamId: z.string(),
  error: WireErrorSchema.optional(),
});
export const StreamCancelSchema = z.object({ streamId: z.string() });
export type StreamOpen = z.infer<typeof StreamOpenSchema>;
export type StreamChunk = z.infer<typeof StreamChunkSchema>;
export type StreamEnd = z.infer<typeof StreamEndSchema>;
export type StreamCancel = z.infer<typeof StreamCancelSchema>;
export type AgentCommandRequest = z.infer<typeof AgentCommandRequestSchema>;

export const AgentCommandReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: WireErrorSchema }),
]);
export type AgentCommandReply = z.infer<typeof AgentCommandReplySchema>;

/**
 * Byte uploads to an agent (build context, image tar): the server opens one, then sends chunks,
 * each acked once the agent took it (the agent holds the ack while the engine reads slowly), then
 * an end. A command names the upload it reads by its uploadId.
 */
export const UploadOpenSchema = z.object({ uploadId: z.string().min(1).max(100) });
export const UploadChunkSchema = z.object({
  uploadId: z.string(),
  data: z.instanceof(Uint8Array),
});
export const UploadEndSchema = z.object({
  uploadId: z.string(),
  /** The sender failed (the browser went away): the reader fails with this message. */
  error: z.string().max(500).optional(),
});
export const UploadReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: WireErrorSchema }),
]);
export type UploadReply = z.infer<typeof UploadReplySchema>;

/** server → agent: stop a running command call (pull, push, build) by its callId. */
export const CommandCancelSchema = z.object({ callId: z.string().min(1).max(100) });

/** Event names on the /agent namespace. */
export const AgentEvents = {
  /** server → agent, with ack(AgentCommandReply) */
  command: "command.call",
  /** server → agent: how often to push host metrics */
  metricsInterval: "metrics.interval",
  /** agent → server: engine info changed or first connect */
  engineInfo: "engine.info",
  /** agent → server: one host sample */
  hostSample: "metrics.sample",
  /** server → agent: the server refused this agent for good (revoked, wrong protocol); payload AgentConnectError */
  rejected: "agent.rejected",
  /** agent → server: ProgressMessage for a command call that had a callId */
  progress: "command.progress",
  /** agent → server: the full container list, sent on every connect (ContainerSummary[]) */
  containersSnapshot: "containers.snapshot",
  /** agent → server: one container changed or went away (ContainerChange) */
  containerChange: "containers.change",
  /** agent → server: a container started, died, was OOM-killed or changed health (ContainerLifeEvent) */
  containerEvent: "containers.event",
  /** agent → server: the host's images changed (no payload; open lists list again) */
  imagesChanged: "images.changed",
  /** agent → server: the host's networks changed (no payload; open lists list again) */
  networksChanged: "networks.changed",
  /** agent → server: the host's volumes changed (no payload; open lists list again) */
  volumesChanged: "volumes.changed",
  /** agent → server: the swarm changed as this engine sees it: nodes, services, tasks, overlays */
  swarmChanged: "swarm.changed",
  /** agent → server: fresh CPU/memory of running containers (ContainerStatsMessage) */
  containerStats: "containers.stats",
  /** server → agent, ack({ok:true} | {ok:false,error}): open a byte stream (StreamOpen) */
  streamOpen: "stream.open",
  /** agent → server, ack(): one chunk (StreamChunk); the next waits for the ack */
  streamChunk: "stream.chunk",
  /** agent → server: the stream is over, with an error if it failed (StreamEnd) */
  streamEnd: "stream.end",
  /** server → agent: the reader went away; stop sending (StreamCancel) */
  streamCancel: "stream.cancel",
  /** server → agent, ack(UploadReply): start an upload (UploadOpen) */
  uploadOpen: "upload.open",
  /** server → agent, ack(UploadReply): one chunk (UploadChunk); the next waits for the ack */
  uploadChunk: "upload.chunk",
  /** server → agent: the upload is complete, or failed (UploadEnd) */
  uploadEnd: "upload.end",
  /** server → agent: stop a command call (CommandCancel) */
  commandCancel: "command.cancel",
} as const;

/** connect_error `data` the server attaches when it refuses a handshake. */
export const AgentConnectErrorSchema = z.object({
  /** KEY_IN_USE: another connection holds this host's key and answers (agents before it retry). */
  code: z.enum(["UNAUTHENTICATED", "PROTOCOL_MISMATCH", "KEY_IN_USE"]),
  message: z.string(),
  /** the server's PROTOCOL_VERSION, so the agent can log both sides of a mismatch */
  serverProtocolVersion: z.number().int().optional(),
});
export type AgentConnectError = z.infer<typeof AgentConnectErrorSchema>;
