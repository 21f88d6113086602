import { readFile } from "node:fs/promises";
import path from "node:path";

import { defaultDataDir, resolveDatabase } from "../lib/database/embedded";

async function runningEmbeddedUrl(): Promise<string> {
  const state = JSON.parse(
    await readFile(path.join(defaultDataDir(), "postgres.json"), "utf8"),
  ) as { user?: string; password: string; port: number };
  return (
    `postgresql://${encodeURIComponent(state.user ?? "berth")}:` +
    `${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/berth`
  );
}

/**
 * The database for an administrator's command: DATABASE_URL, or the embedded PostgreSQL under
 * BERTH_DATA (default ./data), started here when the server is not running and reached with the
 * server's credentials when it is. Sets DATABASE_URL for lib/db.
 */
export async function openDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  let database: { url: string; stop(): Promise<void> };
  try {
    database = await resolveDatabase(process.env);
  } catch (error) {
    if (!(error instanceof Error && /already running/.test(error.message))) throw error;
    database = { url: await runningEmbeddedUrl(), stop: async () => {} };
  }
  process.env.DATABASE_URL = database.url;
  return database;
}

/**
 * Runs an administrator's command against the database (see openDatabase) and exits with the
 * code it returns; a failure to run at all is exit code 2, with the command's name.
 */
export function runWithDatabase(name: string, command: () => Promise<number>): void {
  const run = async () => {
    const database = await openDatabase();
    const { disconnectDb } = await import("../lib/db");
    try {
      return await command();
    } finally {
      await disconnectDb();
      await database.stop();
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
