// `npm start`: installs, builds when the sources changed, then runs the server (which starts the
// embedded database, migrates it and starts an agent for the local Docker engine).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
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

/**
 * Whether node_modules holds what package-lock.json lists. npm records what it installed in
 * node_modules/.package-lock.json; packages only other platforms need are optional and absent.
 */
function installedMatchesLock() {
  if (!existsSync("node_modules/.package-lock.json")) return false;
  const wanted = JSON.parse(readFileSync("package-lock.json", "utf8")).packages;
  const installed = JSON.parse(readFileSync("node_modules/.package-lock.json", "utf8")).packages;
  const same = (a, b) =>
    a.version === b.version && a.resolved === b.resolved && a.integrity === b.integrity;
  return (
    Object.entries(installed).every(([name, entry]) => wanted[name] && same(wanted[name], entry)) &&
    Object.entries(wanted).every(
      ([name, entry]) => name === "" || entry.optional || entry.devOptional || installed[name],
    )
  );
}

// npm ci installs exactly the lockfile and never rewrites it (npm install may).
if (!installedMatchesLock()) {
  console.log("Installing dependencies…");
  run(npm, ["ci", "--no-audit", "--no-fund"]);
}

const outputs = [
  ".next/BUILD_ID",
  "dist/server.js",
  "dist/agent.cjs",
  `dist/agents/berth-agent-${process.platform}-${process.arch}`,
];
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
