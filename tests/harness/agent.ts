/**
 * Runs the agent bundle (dist/agent.cjs, built by `node scripts/build-agent.mjs`) as a real
 * process, inside a simulated host's network namespace when one is given.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SimHost } from "./hosts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The agent bundle the harness runs by default. */
export const AGENT_BUNDLE = path.join(REPO_ROOT, "dist", "agent.cjs");
/** The single-executable agent for this machine, built from the bundle. */
export const AGENT_EXECUTABLE = path.join(
  REPO_ROOT,
  "dist",
  "agents",
  `berth-agent-${process.platform}-${process.arch}`,
);
const MAX_OUTPUT = 4 * 1024 * 1024;

/** What the agent needs of a host: a SimHost, or its plain fields passed between processes. */
export type AgentHost = Pick<SimHost, "name" | "netns" | "dockerHost">;

export interface StartAgentOptions {
  /** Run inside this host's network namespace, against its engine. Root namespace without. */
  host?: AgentHost;
  serverUrl: string;
  enrollToken?: string;
  /** File where the agent keeps its identity (BERTH_AGENT_STATE). */
  statePath: string;
  /** BERTH_AGENT_NAME; defaults to the host's name, or "local". */
  name?: string;
  /** Extra environment (wins over the defaults). */
  env?: Record<string, string>;
  /** Script to run instead of dist/agent.cjs. */
  entry?: string;
  /** An executable to run instead of node with a script (the single-executable agent). */
  executable?: string;
}

export interface AgentProcess {
  pid: number;
  host?: AgentHost;
  /** Captured stdout + stderr so far (interleaved as received). */
  output(): string;
  /** Resolves with the first match of `re` in the output; rejects on timeout or exit. */
  waitForOutput(re: RegExp, timeoutMs?: number): Promise<string>;
  /** Signal the agent (default SIGTERM; SIGKILL after 10 s) and wait for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Exit code (null when ended by a signal). */
  exited: Promise<number | null>;
}

const running = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const pid of running) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  });
}

export async function startAgent(opts: StartAgentOptions): Promise<AgentProcess> {
  installExitHook();
  const entry = opts.entry ?? AGENT_BUNDLE;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin",
    HOME: process.env.HOME ?? "/root",
    BERTH_SERVER_URL: opts.serverUrl,
    BERTH_AGENT_STATE: opts.statePath,
    BERTH_AGENT_NAME: opts.name ?? opts.host?.name ?? "local",
  };
  if (opts.enrollToken !== undefined) env.BERTH_ENROLL_TOKEN = opts.enrollToken;
  if (opts.host) env.DOCKER_HOST = opts.host.dockerHost;
  Object.assign(env, opts.env);

  // nsenter --net only: the agent shares the host's network (its /proc/net/dev is the host's)
  // and keeps the root mount namespace, so paths given in the options stay valid. nsenter execs,
  // so the pid is node's.
  const program = opts.executable ? [opts.executable] : [process.execPath, entry];
  const [cmd, args] = opts.host
    ? ["nsenter", [`--net=/run/netns/${opts.host.netns}`, "--", ...program]]
    : [program[0]!, program.slice(1)];
  const child = spawn(cmd, args as string[], {
    cwd: REPO_ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });

  await new Promise<void>((resolve, reject) => {
    child.once("spawn", () => resolve());
    child.once("error", reject);
  });
  const pid = child.pid!;
  running.add(pid);

  let out = "";
  const listeners = new Set<() => void>();
  const onData = (b: Buffer) => {
    out += b.toString();
    if (out.length > MAX_OUTPUT) out = out.slice(-MAX_OUTPUT / 2);
    for (const l of listeners) l();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);

  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once("close", (code) => {
      done = true;
      running.delete(pid);
      for (const l of listeners) l();
      resolve(code);
    });
  });

  const waitForOutput = (re: RegExp, timeoutMs = 15_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const m = re.exec(out);
        if (m) {
          finish();
          resolve(m[0]);
        } else if (done) {
          finish();
          reject(new Error(`agent exited before printing ${re}; output:\n${out.slice(-4000)}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `agent did not print ${re} within ${timeoutMs} ms; output:\n${out.slice(-4000)}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  const kill = async (signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> => {
    if (!done) {
      child.kill(signal);
      const timer = setTimeout(() => {
        if (!done) child.kill("SIGKILL");
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };

  return { pid, host: opts.host, output: () => out, waitForOutput, kill, exited };
}
