/**
 * Prisma CLI configuration. Berth uses the CLI only for `prisma generate` (see
 * scripts/prisma-generate.mjs); migrations run through scripts/migrate.ts, which needs no native
 * engine. DATABASE_URL is optional here so that generating the client never needs a database.
 */
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
