import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmod,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startEmbeddedPostgres } from "@/lib/database/embedded";
import {
  applyMigrations,
  createMigration,
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  markMigrationRolledBack,
  MigrationError,
  withDatabase,
} from "@/lib/database/migrate";
import { startTestPostgres, type TestPostgres } from "@/tests/harness/postgres";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function migrationNames(dir = DEFAULT_MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function sha256(file: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
}

let dbCounter = 0;
async function freshDatabase(server: TestPostgres): Promise<string> {
  const name = `scratch_${++dbCounter}`;
  await query(server.serverUrl, `CREATE DATABASE ${name}`);
  return withDatabase(server.serverUrl, name);
}

describe("migrations", () => {
  let server: TestPostgres;

  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("apply on a fresh database and record _prisma_migrations like the Prisma CLI", async () => {
    const expected = await migrationNames();
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(expected.at(0)).toMatch(/^\d{14}_init$/);
    expect(expected).toContainEqual(expect.stringMatching(/^\d{14}_audit_append_only$/));

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      logs: string | null;
      applied_steps_count: number;
    }>(server.url, `SELECT * FROM _prisma_migrations ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(expected);
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      const file = path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql");
      expect(row.checksum).toBe(await sha256(file));
    }

    const tables = await query<{ table_name: string }>(
      server.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["User", "Team", "Host", "HostAccess", "AuditEvent", "HostMetric"]),
    );
  });

  it("are idempotent", async () => {
    expect(await applyMigrations(server.url)).toEqual({ applied: [] });
    expect(await applyMigrations(server.url)).toEqual({ applied: [] });
    const [count] = await query<{ n: number }>(
      server.url,
      `SELECT count(*)::int AS n FROM _prisma_migrations`,
    );
    expect(count?.n).toBe((await migrationNames()).length);
  });

  it("let concurrent deploys wait for each other", async () => {
    const url = await freshDatabase(server);
    const results = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    const applied = results.flatMap((r) => r.applied).sort();
    expect(applied).toEqual(await migrationNames());
  });

  it("keep AuditEvent append-only: inserts work, UPDATE, DELETE and TRUNCATE are refused", async () => {
    const previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = server.url;
    const { db, disconnectDb, AuditOutcome } = await import("@/lib/db");
    try {
      const event = await db.auditEvent.create({
        data: {
          actorLabel: "admin@example.test",
          action: "container.start",
          target: "web-1",
          params: { force: false },
          outcome: AuditOutcome.SUCCESS,
        },
      });
      expect(typeof event.id).toBe("bigint");
      expect(event.at).toBeInstanceOf(Date);

      await expect(
        db.auditEvent.update({ where: { id: event.id }, data: { outcome: AuditOutcome.FAILURE } }),
      ).rejects.toThrow(/append-only/);
      await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);

      for (const sql of [
        `UPDATE "AuditEvent" SET "actorLabel" = 'someone else'`,
        `UPDATE "AuditEvent" SET "actorLabel" = 'x' WHERE false`,
        `DELETE FROM "AuditEvent"`,
        `TRUNCATE "AuditEvent"`,
      ]) {
        await expect(query(server.url, sql)).rejects.toThrow(
          /AuditEvent is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/,
        );
      }

      await db.auditEvent.create({
        data: { actorLabel: "system", action: "host.enroll", outcome: AuditOutcome.DENIED },
      });
      const rows = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
      expect(rows.map((r) => [r.actorLabel, r.outcome])).toEqual([
        ["admin@example.test", "SUCCESS"],
        ["system", "DENIED"],
      ]);
    } finally {
      await disconnectDb();
      if (previousUrl === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previousUrl;
    }
  });

  it("author a new migration from a schema change (on copies of the schema and migrations)", async () => {
    const schemaBefore = await sha256(DEFAULT_SCHEMA_PATH);
    const migrationsBefore = await migrationNames();
    const work = await mkdtemp(path.join(os.tmpdir(), "berth-migration-test-"));
    try {
      const migrationsDir = path.join(work, "migrations");
      const schemaPath = path.join(work, "schema.prisma");
      await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
      await cp(DEFAULT_SCHEMA_PATH, schemaPath);
      const paths = { migrationsDir, schemaPath };

      // Nothing to do while the schema matches the migrations (the hand-written trigger included).
      expect(await createMigration("nothing", server.url, paths)).toBeNull();

      await writeFile(
        schemaPath,
        (await readFile(schemaPath, "utf8")) +
          `
model ScratchThing {
  id      Int      @id @default(autoincrement())
  label   String   @unique
  hostId  String?
  created DateTime @default(now())
}
`,
      );
      const dir = await createMigration("Add scratch thing!", server.url, paths);
      expect(dir).not.toBeNull();
      expect(path.basename(dir!)).toMatch(/^\d{14}_add_scratch_thing$/);
      expect(path.dirname(dir!)).toBe(migrationsDir);
      const sql = await readFile(path.join(dir!, "migration.sql"), "utf8");
      expect(sql).toContain(`CREATE TABLE "ScratchThing"`);
      expect(sql).toContain(`CREATE UNIQUE INDEX "ScratchThing_label_key"`);
      expect(sql).not.toMatch(/AuditEvent|DROP/);
      expect(await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain(
        `provider = "postgresql"`,
      );
      const names = await migrationNames(migrationsDir);
      expect(names.at(-1)).toBe(path.basename(dir!));
      expect(names.slice(0, -1)).toEqual(migrationsBefore);

      // A hand-written CHECK constraint: reading it back means reading pg_constraint.contype,
      // a "char" column, which the engine must receive typed as Character.
      await writeFile(
        path.join(dir!, "migration.sql"),
        `${sql}\nALTER TABLE "ScratchThing" ADD CONSTRAINT "ScratchThing_label_check" CHECK (length("label") > 0);\n`,
      );
      const target = await freshDatabase(server);
      expect((await applyMigrations(target, { migrationsDir })).applied).toEqual(names);
      await query(target, `INSERT INTO "ScratchThing" ("label") VALUES ('ok')`);
      await expect(
        query(target, `INSERT INTO "ScratchThing" ("label") VALUES ('')`),
      ).rejects.toThrow(/ScratchThing_label_check/);
      expect(await createMigration("again", server.url, paths)).toBeNull();

      // An explicitly empty migration, for hand-written SQL.
      const empty = await createMigration("hand written", server.url, {
        ...paths,
        allowEmpty: true,
      });
      expect(await readFile(path.join(empty!, "migration.sql"), "utf8")).toBe(
        "-- This is an empty migration.\n",
      );
      expect(path.basename(empty!) > path.basename(dir!)).toBe(true);

      // The scratch databases are gone.
      const dbs = await query<{ datname: string }>(
        server.serverUrl,
        `SELECT datname FROM pg_database`,
      );
      expect(dbs.map((d) => d.datname).filter((n) => n.startsWith("berth_"))).toEqual([]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    expect(await sha256(DEFAULT_SCHEMA_PATH)).toBe(schemaBefore);
    expect(await migrationNames()).toEqual(migrationsBefore);
  });

  it("apply each migration atomically and report failures; a fixed migration deploys after rollback", async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), "berth-migration-test-"));
    try {
      const migrationsDir = path.join(work, "migrations");
      await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
      const broken = path.join(migrationsDir, "29990101000000_broken");
      await mkdir(broken);
      await writeFile(
        path.join(broken, "migration.sql"),
        `CREATE TABLE "Half" ("id" INT PRIMARY KEY);\nSELECT 1 / 0;\n`,
      );
      const url = await freshDatabase(server);

      const failure = await applyMigrations(url, { migrationsDir }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as Error).message).toMatch(/29990101000000_broken/);
      expect((failure as Error).message).toMatch(/division by zero/);
      const half = await query(url, `SELECT to_regclass('"Half"') AS t`);
      expect(half[0]?.t).toBeNull();
      const [row] = await query<{ finished_at: Date | null }>(
        url,
        `SELECT finished_at FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'`,
      );
      expect(row?.finished_at).toBeNull();

      // Still failed: deploy refuses until it is resolved.
      await expect(applyMigrations(url, { migrationsDir })).rejects.toThrow(
        /29990101000000_broken/,
      );

      await markMigrationRolledBack(url, "29990101000000_broken");
      await writeFile(
        path.join(broken, "migration.sql"),
        `CREATE TABLE "Half" ("id" INT PRIMARY KEY);\n`,
      );
      expect(await applyMigrations(url, { migrationsDir })).toEqual({
        applied: ["29990101000000_broken"],
      });
      expect((await query(url, `SELECT to_regclass('"Half"')::text AS t`))[0]?.t).toBe('"Half"');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe("embedded PostgreSQL", () => {
  let dataDir: string;
  // As root the cluster lives outside the data directory.
  let clusterDir: string | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "berth-embedded-test-"));
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (clusterDir) await rm(clusterDir, { recursive: true, force: true });
  });

  it("initialises once, keeps data across restarts, remembers port and password", async () => {
    const first = await startEmbeddedPostgres(dataDir);
    clusterDir = first.dir;
    let restarted: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
    try {
      expect(new URL(first.url).hostname).toBe("127.0.0.1");
      expect(new URL(first.url).pathname).toBe("/berth");
      const { applied } = await applyMigrations(first.url);
      expect(applied).toEqual(await migrationNames());
      await query(
        first.url,
        `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ($1, $2, now())`,
        ["survives", "restart"],
      );
      const [version] = await query<{ server_version_num: string }>(
        first.url,
        "SHOW server_version_num",
      );
      expect(Number(version?.server_version_num)).toBeGreaterThanOrEqual(180000);
      await first.stop();

      const stateFile = path.join(dataDir, "postgres.json");
      expect((await stat(stateFile)).mode & 0o777).toBe(0o600);

      restarted = await startEmbeddedPostgres(dataDir);
      expect(restarted.url).toBe(first.url);
      const rows = await query<{ value: string }>(
        restarted.url,
        `SELECT "value" FROM "Setting" WHERE "key" = 'survives'`,
      );
      expect(rows).toEqual([{ value: "restart" }]);
      expect(await applyMigrations(restarted.url)).toEqual({ applied: [] });

      // Listening on loopback only, and no Unix socket.
      const [listen] = await query<{ listen_addresses: string }>(
        restarted.url,
        "SHOW listen_addresses",
      );
      expect(listen?.listen_addresses).toBe("127.0.0.1");
      const [socket] = await query<{ unix_socket_directories: string }>(
        restarted.url,
        "SHOW unix_socket_directories",
      );
      expect(socket?.unix_socket_directories).toBe("");
    } finally {
      await first.stop();
      await restarted?.stop();
    }
  });

  it("starts over a stale postmaster.pid whose pid belongs to another process", async () => {
    const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
    await writeFile(pidFile, `${process.pid}\n${path.join(dataDir, "postgres")}\n0\n5488\n`);
    const db = await startEmbeddedPostgres(dataDir);
    try {
      const rows = await query<{ value: string }>(db.url, `SELECT "value" FROM "Setting"`);
      expect(rows).toEqual([{ value: "restart" }]);
    } finally {
      await db.stop();
    }
  });

  it("recovers from a killed run that left PostgreSQL running", async () => {
    // A separate Node process starts the cluster and is then killed with SIGKILL.
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(path.join(ROOT, "lib/database/embedded.ts"))});
      const db = await startEmbeddedPostgres(${JSON.stringify(dataDir)});
      console.log("READY " + db.url);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("READY ")) resolve();
      });
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", () => reject(new Error(`child exited early:\n${output}`)));
    });
    const orphanPid = Number(
      (await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0],
    );
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(() => process.kill(orphanPid, 0)).not.toThrow(); // still running, orphaned

    const db = await startEmbeddedPostgres(dataDir);
    try {
      expect(() => process.kill(orphanPid, 0)).toThrow("kill ESRCH");
      const rows = await query<{ value: string }>(db.url, `SELECT "value" FROM "Setting"`);
      expect(rows).toEqual([{ value: "restart" }]);
    } finally {
      await db.stop();
    }
    expect(
      await readFile(path.join(dataDir, "postgres", "postmaster.pid")).catch(() => null),
    ).toBeNull();
  });
});

describe("embedded PostgreSQL as root", () => {
  const mode = async (file: string) => (await stat(file)).mode & 0o7777;
  const rows = (url: string) => query<{ value: string }>(url, `SELECT "value" FROM kept`);

  it("runs from a data directory in a directory only root may enter, which stays closed", async () => {
    expect(process.getuid?.(), "runs as root, like npm start on a fresh server").toBe(0);
    // Like /root, with a checkout in it: PostgreSQL runs as the postgres user, who cannot enter.
    const home = await mkdtemp(path.join(os.tmpdir(), "berth-root-home-"));
    await chmod(home, 0o700);
    const dataDir = path.join(home, "berth", "data");
    let db: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
    let clusterDir: string | undefined;
    try {
      db = await startEmbeddedPostgres(dataDir);
      clusterDir = db.dir;
      expect(await realpath(path.join(dataDir, "postgres"))).toBe(clusterDir);
      await query(db.url, "CREATE TABLE kept (value text)");
      await query(db.url, "INSERT INTO kept VALUES ('across restarts')");
      const firstUrl = db.url;
      await db.stop();

      db = await startEmbeddedPostgres(dataDir);
      expect(db.dir).toBe(clusterDir);
      expect(db.url).toBe(firstUrl);
      expect(await rows(db.url)).toEqual([{ value: "across restarts" }]);
      expect(await mode(home)).toBe(0o700);
      expect(await mode(dataDir)).toBe(0o700);
    } finally {
      await db?.stop();
      await rm(home, { recursive: true, force: true });
      if (clusterDir) await rm(clusterDir, { recursive: true, force: true });
    }
  });

  it("keeps using a cluster that an earlier version created inside the data directory", async () => {
    // Earlier versions made the data directory searchable (o+x) and put the cluster in it.
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "berth-embedded-old-"));
    await chmod(dataDir, 0o711);
    const inDataDir = path.join(dataDir, "postgres");
    let db: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
    let movedFrom: string | undefined;
    try {
      db = await startEmbeddedPostgres(dataDir);
      movedFrom = db.dir;
      await query(db.url, "CREATE TABLE kept (value text)");
      await query(db.url, "INSERT INTO kept VALUES ('in the data directory')");
      await db.stop();
      await rm(inDataDir);
      execFileSync("cp", ["-a", movedFrom, inDataDir]);
      await rm(movedFrom, { recursive: true, force: true });

      db = await startEmbeddedPostgres(dataDir);
      expect(db.dir).toBe(inDataDir);
      expect(await rows(db.url)).toEqual([{ value: "in the data directory" }]);
      expect(await stat(movedFrom).catch(() => null)).toBeNull();
    } finally {
      await db?.stop();
      await rm(dataDir, { recursive: true, force: true });
      if (movedFrom) await rm(movedFrom, { recursive: true, force: true });
    }
  });
});
