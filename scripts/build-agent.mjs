// Bundles the host agent into one file, then into one executable for this machine's architecture:
// node scripts/build-agent.mjs → dist/agent.cjs and dist/agents/berth-agent-linux-<arch>
import { spawnSync } from "node:child_process";
import { chmod, copyFile, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "dist", "agent.cjs");
const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));

/**
 * docker-modem loads ssh2 only for ssh:// engine URLs, which the agent never uses (it talks to
 * the local unix socket). Replacing it keeps ~600 KiB of code and ~5 MiB of RSS out of every
 * host, and with it ssh2's optional native addons (sshcrypto, cpu-features).
 */
const withoutSsh2 = {
  name: "without-ssh2",
  setup(b) {
    b.onResolve({ filter: /^ssh2$/ }, () => ({ path: "ssh2", namespace: "berth-stub" }));
    b.onLoad({ filter: /.*/, namespace: "berth-stub" }, () => ({
      loader: "js",
      contents:
        "class Client { constructor() { throw new Error('ssh:// Docker hosts are not supported by the agent'); } }\n" +
        "module.exports = { Client };\n",
    }));
  },
};

/**
 * ws loads these optional native speed-ups in a try/catch. Left as requires, a single executable
 * warns on every start that it cannot load modules from disk; as modules that throw, ws uses its
 * JavaScript code at once.
 */
const withoutWsAddons = {
  name: "without-ws-addons",
  setup(b) {
    b.onResolve({ filter: /^(bufferutil|utf-8-validate)$/ }, (args) => ({
      path: args.path,
      namespace: "berth-absent",
    }));
    b.onLoad({ filter: /.*/, namespace: "berth-absent" }, (args) => ({
      loader: "js",
      contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled`)});\n`,
    }));
  },
};

const started = Date.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: [path.join(root, "agent/src/main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // Any native addon stays outside the bundle; dockerode's are optional (required in try/catch).
  external: ["*.node"],
  plugins: [withoutSsh2, withoutWsAddons],
  tsconfig: path.join(root, "agent/tsconfig.json"),
  alias: { "@/lib/protocol": path.join(root, "lib/protocol/index.ts") },
  define: { __BERTH_AGENT_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "#!/usr/bin/env node" },
  minify: false,
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
});

await chmod(outfile, 0o755);
const { size } = await stat(outfile);
const inputs = Object.keys(result.metafile.inputs).length;
console.log(
  `${path.relative(root, outfile)}: ${(size / 1024).toFixed(0)} KiB from ${inputs} modules`,
);

/**
 * Node's single executable application: this Node binary with the bundle injected, so a host
 * needs nothing but its container engine. It runs only on this machine's OS and architecture;
 * other architectures' executables are built the same way on such a machine (see README).
 */
const bundleMs = Date.now() - started;
const seaStarted = Date.now();
const agentsDir = path.join(root, "dist", "agents");
const executable = path.join(agentsDir, `berth-agent-${process.platform}-${process.arch}`);
const blob = path.join(agentsDir, "agent.blob");
const seaConfig = path.join(agentsDir, "sea-config.json");
await mkdir(agentsDir, { recursive: true });
await writeFile(
  seaConfig,
  JSON.stringify({
    main: outfile,
    output: blob,
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
  }),
);
/** Runs a step quietly (postject's ELF library prints harmless warnings); its output on failure. */
function quietly(args) {
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    throw new Error(`building the agent executable failed: node ${args.join(" ")}`);
  }
}
quietly(["--experimental-sea-config", seaConfig]);
const partial = `${executable}.partial`;
await copyFile(process.execPath, partial);
await chmod(partial, 0o755);
quietly([
  path.join(root, "node_modules/postject/dist/cli.js"),
  partial,
  "NODE_SEA_BLOB",
  blob,
  "--sentinel-fuse",
  "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
]);
await rename(partial, executable);
await rm(blob);
await rm(seaConfig);
const exe = await stat(executable);
console.log(
  `${path.relative(root, executable)}: ${(exe.size / 1024 / 1024).toFixed(0)} MiB ` +
    `(bundle ${bundleMs} ms, executable ${Date.now() - seaStarted} ms)`,
);
