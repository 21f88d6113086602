// Builds everything `npm start` runs: the Next.js app, the custom server and the agent bundle.
import { spawnSync } from "node:child_process";
import { build } from "esbuild";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(" ")} failed`);
    process.exit(result.status ?? 1);
  }
}

run(process.execPath, ["scripts/prisma-generate.mjs"]);
run(process.execPath, ["node_modules/next/dist/bin/next", "build"]);
await build({
  entryPoints: ["server.ts"],
  outfile: "dist/server.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: "linked",
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
run(process.execPath, ["scripts/build-agent.mjs"]);
console.log("Build complete: .next/, dist/server.js, dist/agent.cjs, dist/agents/");
