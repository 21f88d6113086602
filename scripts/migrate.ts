/**
 * Database migrations, without Prisma's native engine (works offline).
 *
 *   node --import tsx scripts/migrate.ts deploy
 *       Apply pending migrations to DATABASE_URL, or, when it is unset, to the embedded
 *       PostgreSQL under BERTH_DATA (default ./data).
 *   node --import tsx scripts/migrate.ts create <name> [--empty]
 *       Write prisma/migrations/<timestamp>_<name>/migration.sql from the changes in
 *       prisma/schema.prisma. Uses a scratch database on the DATABASE_URL server (the role needs
 *       CREATEDB), or a temporary embedded PostgreSQL when DATABASE_URL is unset. --empty writes
 *       an empty migration even without schema changes, for hand-written SQL.
 *   node --import tsx scripts/migrate.ts rolled-back <migration>
 *       Mark a failed migration as rolled back, so a fixed version of it can be deployed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { resolveDatabase, startEmbeddedPostgres } from "../lib/database/embedded";
import {
  applyMigrations,
  createMigration,
  describeUrl,
  markMigrationRolledBack,
  readMigrations,
} from "../lib/database/migrate";

const USAGE = `Usage:
  migrate.ts deploy
  migrate.ts create <name> [--empty]
  migrate.ts rolled-back <migration>`;

class UsageError extends Error {}

async function deploy(): Promise<void> {
  const started = Date.now();
  const db = await resolveDatabase(process.env, {});
  try {
    const where = db.embedded ? "the embedded PostgreSQL" : describeUrl(db.url);
    const { applied } = await applyMigrations(db.url);
    const ms = Date.now() - started;
    if (applied.length === 0) {
      const total = (await readMigrations()).migrationDirectories.length;
      console.log(`${where}: up to date (${total} migrations), checked in ${ms} ms.`);
    } else {
      console.log(`${where}: applied ${applied.length} migration(s) in ${ms} ms:`);
      for (const name of applied) console.log(`  ${name}`);
    }
  } finally {
    await db.stop();
  }
}

async function create(name: string | undefined, allowEmpty: boolean): Promise<void> {
  if (!name) throw new UsageError("create needs a migration name");
  let url = process.env.DATABASE_URL;
  let cleanup = async () => {};
  if (!url) {
    console.log("DATABASE_URL is not set: using a temporary embedded PostgreSQL.");
    const dir = await mkdtemp(path.join(os.tmpdir(), "berth-migrate-"));
    try {
      const db = await startEmbeddedPostgres(dir);
      url = db.url;
      cleanup = async () => {
        await db.stop();
        await rm(dir, { recursive: true, force: true });
        await rm(db.dir, { recursive: true, force: true });
      };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }
  try {
    const dir = await createMigration(name, url, { allowEmpty });
    if (dir === null) {
      console.log("The schema matches the migrations: no migration created.");
    } else {
      console.log(`Created ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}`);
    }
  } finally {
    await cleanup();
  }
}

async function rolledBack(migration: string | undefined): Promise<void> {
  if (!migration) throw new UsageError("rolled-back needs a migration name");
  const db = await resolveDatabase(process.env, {});
  try {
    await markMigrationRolledBack(db.url, migration);
    console.log(`Marked ${migration} as rolled back.`);
  } finally {
    await db.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const flags = argv.filter((a) => a.startsWith("--"));
  const [command, arg, ...extra] = argv.filter((a) => !a.startsWith("--"));
  const unknownFlags = flags.filter((f) => !(command === "create" && f === "--empty"));
  try {
    if (extra.length > 0 || unknownFlags.length > 0) {
      throw new UsageError(`unexpected arguments: ${[...extra, ...unknownFlags].join(" ")}`);
    }
    switch (command) {
      case "deploy":
        if (arg) throw new UsageError(`unexpected argument: ${arg}`);
        await deploy();
        return 0;
      case "create":
        await create(arg, flags.includes("--empty"));
        return 0;
      case "rolled-back":
        await rolledBack(arg);
        return 0;
      default:
        throw new UsageError(command ? `unknown command: ${command}` : "missing command");
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`migrate: ${error.message}\n${USAGE}`);
      return 2;
    }
    console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.BERTH_MIGRATE_DEBUG && error instanceof Error) console.error(error.stack);
    return 1;
  }
}

// Exit explicitly: nothing this script starts should keep it alive once it is done.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
