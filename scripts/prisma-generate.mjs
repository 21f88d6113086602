/**
 * `prisma generate`, offline. Runs as the postinstall hook and as `npm run db:generate`.
 *
 * The generated client (lib/generated/prisma) needs no native engine, but the Prisma CLI still
 * downloads a native schema engine before generating, which fails without internet access.
 * Pointing PRISMA_SCHEMA_ENGINE_BINARY at a stub skips the download; generate never runs it.
 * Migrations do not use the CLI (see scripts/migrate.ts). No DATABASE_URL is needed.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  // Production installs without devDependencies ship an already generated client.
  const generated = path.join(root, "lib", "generated", "prisma", "client.ts");
  if (existsSync(generated)) process.exit(0);
  console.error(
    "prisma-generate: the prisma package is not installed (run npm ci, without --omit=dev).",
  );
  process.exit(1);
}

const stubDir = path.join(root, "node_modules", ".cache", "berth");
const stub = path.join(stubDir, "schema-engine-stub");
mkdirSync(stubDir, { recursive: true });
writeFileSync(
  stub,
  [
    "#!/bin/sh",
    "echo 'The native Prisma schema engine is not installed. Use npm run db:migrate (deploy) or npm run db:migration:create <name>.' >&2",
    "exit 1",
    "",
  ].join("\n"),
);
chmodSync(stub, 0o755);

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: stub,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const res = spawnSync(process.execPath, [cli, "generate"], { cwd: root, env, stdio: "inherit" });
if (res.error) {
  console.error(`prisma-generate: ${res.error.message}`);
  process.exit(1);
}
process.exit(res.status ?? 1);
