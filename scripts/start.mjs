// `npm start`: installs, builds when the sources changed, then runs the server (which starts the
// embedded database, migrates it and starts an agent for the local Docker engine).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    if (child === "node_modules" || child === "generated") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

if (!existsSync("node_modules/next") || !existsSync("node_modules/.package-lock.json")) {
  console.log("Installing dependencies…");
  run(npm, ["install", "--no-audit", "--no-fund"]);
}

const outputs = [".next/BUILD_ID", "dist/server.js", "dist/agent.cjs"];
const builtAt = Math.min(...outputs.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
const sources = [
  "app",
  "components",
  "lib",
  "agent",
  "prisma",
  "server.ts",
  "package.json",
  "next.config.ts",
];
if (builtAt === 0 || Math.max(...sources.map(newestMtime)) > builtAt) {
  console.log("Building…");
  run(npm, ["run", "build"]);
}

const server = spawn(process.execPath, ["--enable-source-maps", "dist/server.js"], {
  stdio: "inherit",
  env: { ...env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
