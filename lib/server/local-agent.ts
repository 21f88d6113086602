import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createEnrollmentToken } from "@/lib/services/hosts/create-enrollment-token";
import { isHostEnrolled } from "@/lib/services/hosts/is-host-enrolled";

export type LocalAgentOptions = {
  root: string;
  dataDir: string;
  serverUrl: string;
  required: boolean;
};

function localDockerSocket(): string {
  const dockerHost = process.env.DOCKER_HOST;
  if (dockerHost?.startsWith("unix://")) return dockerHost.slice("unix://".length);
  return "/var/run/docker.sock";
}

async function readHostId(statePath: string): Promise<string | null> {
  try {
    const state = JSON.parse(await readFile(statePath, "utf8")) as { hostId?: unknown };
    return typeof state.hostId === "string" ? state.hostId : null;
  } catch {
    return null;
  }
}

/**
 * Runs an agent for this machine's own Docker engine as a child of the server, enrolling it
 * on first start and restarting it with backoff if it exits.
 */
export async function startLocalAgent(
  opts: LocalAgentOptions,
): Promise<{ stop(): Promise<void> } | null> {
  const socketPath = localDockerSocket();
  if (!existsSync(socketPath)) {
    const message = `No Docker engine at ${socketPath}; not starting a local agent.`;
    if (opts.required) throw new Error(message);
    console.log(message);
    return null;
  }
  const bundle = path.join(opts.root, "dist", "agent.cjs");
  const statePath = path.join(opts.dataDir, "agent", "state.json");
  await mkdir(path.dirname(statePath), { recursive: true, mode: 0o700 });

  let child: ChildProcess | null = null;
  let stopping = false;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = async () => {
    const hostId = await readHostId(statePath);
    // A state file from another database (or a revoked key) can never connect: enrol afresh.
    if (hostId && !(await isHostEnrolled(hostId))) await rm(statePath, { force: true });
    // The agent gets only what it needs: never the server's database URL or secrets.
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      BERTH_SERVER_URL: opts.serverUrl,
      BERTH_AGENT_STATE: statePath,
      DOCKER_HOST: `unix://${socketPath}`,
      BERTH_AGENT_NAME: os.hostname(),
      // containers on this machine must not bind the server's data (keys, database)
      BERTH_AGENT_PROTECT: opts.dataDir,
    };
    if (!existsSync(statePath)) {
      const { token } = await createEnrollmentToken(
        { system: "berth-server" },
        { hostName: `${os.hostname()} (local)` },
      );
      env.BERTH_ENROLL_TOKEN = token;
    }
    const started = Date.now();
    child = spawn(process.execPath, [bundle], { env, stdio: ["ignore", "pipe", "pipe"] });
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n"))
        if (line) console.log(`[local agent] ${line}`);
    };
    child.stdout?.on("data", relay);
    child.stderr?.on("data", relay);
    child.on("exit", (code) => {
      child = null;
      if (stopping) return;
      failures = Date.now() - started > 60_000 ? 0 : failures + 1;
      const delay = Math.min(30_000, 1000 * 2 ** failures);
      console.log(`[local agent] exited with ${code}; restarting in ${delay / 1000} s`);
      restartTimer = setTimeout(() => void launch().catch(logLaunchError), delay);
    });
  };

  await launch();
  return {
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const running = child;
      if (!running) return;
      await new Promise<void>((resolve) => {
        running.once("exit", () => resolve());
        running.kill("SIGTERM");
        setTimeout(() => running.kill("SIGKILL"), 5000).unref();
      });
    },
  };
}

function logLaunchError(err: unknown): void {
  console.error("[local agent] could not start:", err instanceof Error ? err.message : err);
}
