// Bundles the host agent into one file: node scripts/build-agent.mjs → dist/agent.cjs
import { chmod, readFile, stat } from "node:fs/promises";
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
  plugins: [withoutSsh2],
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
