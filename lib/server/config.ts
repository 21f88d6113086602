import path from "node:path";
import { z } from "zod";

const ServerEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  BERTH_HOST: z.string().min(1).default("0.0.0.0"),
  BERTH_DATA: z.string().min(1).default("./data"),
  BERTH_PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  BERTH_LOCAL_AGENT: z.enum(["auto", "0", "1"]).default("auto"),
  BERTH_HELPER_IMAGE: z.string().trim().min(1).default("busybox:1.36"),
  BERTH_GIT_POLL_TICK_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
});

export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  localAgent: "auto" | "off" | "on";
  /** The image of the agents' helper containers (volume browsing, backups): a shell and tar. */
  helperImage: string;
  /** How often the server looks for git stacks due a poll (their intervals are a minute or more). */
  gitPollTickMs: number;
  dev: boolean;
};

export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = ServerEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.BERTH_HOST,
    dataDir: path.resolve(e.BERTH_DATA),
    publicUrl: e.BERTH_PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    localAgent: e.BERTH_LOCAL_AGENT === "0" ? "off" : e.BERTH_LOCAL_AGENT === "1" ? "on" : "auto",
    helperImage: e.BERTH_HELPER_IMAGE,
    gitPollTickMs: e.BERTH_GIT_POLL_TICK_MS,
    dev: env.NODE_ENV !== "production",
  };
}
