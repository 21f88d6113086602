import { z } from "zod";
import { EngineInfoSchema } from "./engine";
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

/** Commands the server sends to an agent: name → params and result schemas. */
export const AgentCommands = {
  "engine.info": { params: z.object({}), result: EngineInfoSchema },
  "engine.ping": { params: z.object({}), result: z.object({ ok: z.literal(true) }) },
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
});
export type AgentCommandRequest = z.infer<typeof AgentCommandRequestSchema>;

export const AgentCommandReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: WireErrorSchema }),
]);
export type AgentCommandReply = z.infer<typeof AgentCommandReplySchema>;

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
  /** server → agent: refused for good (revoked, wrong protocol); payload AgentConnectError */
  rejected: "agent.rejected",
} as const;

/** connect_error `data` the server attaches when it refuses a handshake. */
export const AgentConnectErrorSchema = z.object({
  code: z.enum(["UNAUTHENTICATED", "PROTOCOL_MISMATCH"]),
  message: z.string(),
  /** the server's PROTOCOL_VERSION, so the agent can log both sides of a mismatch */
  serverProtocolVersion: z.number().int().optional(),
});
export type AgentConnectError = z.infer<typeof AgentConnectErrorSchema>;
