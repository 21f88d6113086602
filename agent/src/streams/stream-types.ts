import type { Readable } from "node:stream";
import type Docker from "dockerode";
import type { z } from "zod";
import type { AgentStreamName, AgentStreams } from "@/lib/protocol";
import type { ProtectedPaths } from "../policy/protected-paths";

export interface StreamContext {
  docker: Docker;
  socketPath: string;
  /** Host paths no helper may mount unless the host's policy allows it. */
  protectedPaths?: ProtectedPaths;
}

export type StreamParams<N extends AgentStreamName> = z.infer<(typeof AgentStreams)[N]["params"]>;

/** Opens the source of one byte stream; errors (no such container, ...) refuse the open. */
export type StreamOpener<N extends AgentStreamName> = (
  params: StreamParams<N>,
  ctx: StreamContext,
) => Promise<Readable>;

/** Exactly one opener per stream of the protocol. */
export type StreamRegistry = { [N in AgentStreamName]: StreamOpener<N> };
