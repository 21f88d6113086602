import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { BUSYBOX_IMAGE } from "./hosts";

export type ServerProcess = {
  url: string;
  port: number;
  dataDir: string;
  output(): string;
  /** The running server process's pid (for resource measurements). */
  pid(): number | undefined;
  setupToken(): Promise<string>;
  stop(): Promise<void>;
  /** Stops and starts the server again on the same port, data and database. */
  restart(): Promise<void>;
};

export type ServerOptions = {
  databaseUrl: string;
  port: number;
  /** Address to listen on; agents in simulated hosts need the harness bridge address. */
  host?: string;
  env?: Record<string, string>;
};

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs the built server (dist/server.js) as a real process against a real database. */
export async function startServer(opts: ServerOptions): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "berth-server-"));
  const host = opts.host ?? "127.0.0.1";
  let child: ChildProcess | null = null;
  let log = "";

  const launch = async () => {
    const proc = spawn(
      process.execPath,
      ["--enable-source-maps", path.join(ROOT, "dist/server.js")],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          PORT: String(opts.port),
          BERTH_HOST: host,
          BERTH_DATA: dataDir,
          DATABASE_URL: opts.databaseUrl,
          BERTH_LOCAL_AGENT: "0",
          // no registry is reachable: helper containers use the image every simulated host has
          BERTH_HELPER_IMAGE: BUSYBOX_IMAGE,
          ...opts.env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child = proc;
    proc.stdout?.on("data", (d: Buffer) => (log += d.toString()));
    proc.stderr?.on("data", (d: Buffer) => (log += d.toString()));
    const started = log.length;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000);
      const check = () => {
        if (log.slice(started).includes("Berth is listening")) {
          clearTimeout(timer);
          proc.stdout?.off("data", check);
          resolve();
        }
      };
      proc.stdout?.on("data", check);
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${log}`));
      });
    });
  };

  const stopChild = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once("exit", () => resolve());
      proc.kill("SIGTERM");
      setTimeout(() => proc.kill("SIGKILL"), 10_000).unref();
    });
  };

  await launch();
  return {
    url: `http://${host}:${opts.port}`,
    port: opts.port,
    dataDir,
    output: () => log,
    pid: () => (child as ChildProcess | null)?.pid,
    setupToken: async () => (await readFile(path.join(dataDir, "setup-token"), "utf8")).trim(),
    restart: async () => {
      await stopChild();
      await launch();
    },
    stop: async () => {
      await stopChild();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
