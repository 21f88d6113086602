import os from "node:os";
import path from "node:path";
import { z } from "zod";

export const DEFAULT_STATE_PATH = "/var/lib/berth-agent/state.json";
export const DEFAULT_DOCKER_SOCKET = "/var/run/docker.sock";

export interface AgentConfig {
  /** without a trailing slash */
  serverUrl: string;
  enrollToken: string | undefined;
  statePath: string;
  dockerSocket: string;
  agentName: string;
  /** More host paths no container may bind without the policy's say-so (the server's data). */
  protectedPaths: string[];
  /**
   * Where compose stacks' files are written, one folder per project (the working_dir label, and
   * where relative binds point). Outside the state directory, which containers may not bind.
   */
  stacksDir: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

/** Unset and empty variables are the same thing. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    schema.optional(),
  );

const EnvSchema = z.object({
  BERTH_SERVER_URL: z
    .string({ error: "is required, e.g. http://10.99.0.1:3000" })
    .trim()
    .pipe(
      z.url({
        protocol: /^https?$/,
        error: "must be an http(s) URL, e.g. http://10.99.0.1:3000",
      }),
    ),
  BERTH_ENROLL_TOKEN: optional(z.string().trim().min(16, "is too short").max(200, "is too long")),
  BERTH_AGENT_STATE: optional(
    z.string().refine((p) => p.startsWith("/"), "must be an absolute path"),
  ),
  DOCKER_HOST: optional(
    z
      .string()
      .regex(/^unix:\/\/\/\S+$/, "must be unix:///path/to/docker.sock (only local sockets)"),
  ),
  BERTH_AGENT_NAME: optional(z.string().trim().min(1).max(253, "is too long")),
  BERTH_AGENT_STACKS: optional(
    z.string().refine((p) => p.startsWith("/"), "must be an absolute path"),
  ),
  BERTH_AGENT_PROTECT: optional(
    z
      .string()
      .transform((v) => v.split(":").filter(Boolean))
      .refine((paths) => paths.every((p) => p.startsWith("/")), "must list absolute paths"),
  ),
});

/** Reads and validates the agent's environment; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AgentConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`),
    );
  }
  const e = parsed.data;
  const statePath = e.BERTH_AGENT_STATE ?? DEFAULT_STATE_PATH;
  return {
    serverUrl: e.BERTH_SERVER_URL.replace(/\/+$/, ""),
    enrollToken: e.BERTH_ENROLL_TOKEN,
    statePath,
    dockerSocket: e.DOCKER_HOST ? e.DOCKER_HOST.slice("unix://".length) : DEFAULT_DOCKER_SOCKET,
    agentName: e.BERTH_AGENT_NAME ?? os.hostname(),
    protectedPaths: e.BERTH_AGENT_PROTECT ?? [],
    stacksDir: e.BERTH_AGENT_STACKS ?? `${path.dirname(statePath)}-stacks`,
  };
}
