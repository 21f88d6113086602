/**
 * The one Prisma client (server side only).
 *
 * Created on first use from DATABASE_URL (the server sets it, to the embedded PostgreSQL when no
 * external database is configured, before anything touches the database). The Next.js bundle and
 * the custom server's bundle are separate module graphs in one process, so the client lives on
 * globalThis: both graphs share it and its connection pool.
 */
import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "./generated/prisma/client";

export * from "./generated/prisma/client";

interface DbHolder {
  client: PrismaClient;
  url: string;
}

const holder = globalThis as typeof globalThis & { __berthDb?: DbHolder };

/** The shared client; throws if DATABASE_URL is not set yet. */
export function getDb(): PrismaClient {
  const existing = holder.__berthDb;
  if (existing) return existing.client;
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set: start the database (lib/database/embedded.ts) before using db",
    );
  }
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  holder.__berthDb = { client, url };
  return client;
}

/**
 * `db.user.findMany()` etc. The client is created on first property access, not at import, so
 * importing this module (e.g. during `next build`) needs no database.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    // Never create the client for probes such as `await db` or inspection of symbols.
    if (typeof prop === "symbol" || prop === "then") return undefined;
    const client = getDb();
    const value: unknown = Reflect.get(client, prop, client);
    return typeof value === "function"
      ? (value as (...a: unknown[]) => unknown).bind(client)
      : value;
  },
  has(_target, prop) {
    return Reflect.has(getDb(), prop);
  },
});

/** Closes the shared client's connections (graceful shutdown, tests); the next use reconnects. */
export async function disconnectDb(): Promise<void> {
  const existing = holder.__berthDb;
  if (!existing) return;
  holder.__berthDb = undefined;
  await existing.client.$disconnect();
}
