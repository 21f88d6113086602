// `npm test`: builds, then runs unit, integration and browser tests against real PostgreSQL,
// real dockerd engines in network namespaces, real agents and Chromium. Ends with one summary line.
// Integration shards and browser tests run at the same time (each starts its own servers, databases
// and simulated hosts); all but the first show their output once they end, so none is interleaved.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const reports = "tests/artifacts/reports";
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function run(command, args, extraEnv = {}) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } }).status ?? 1;
}

const only = process.argv[2];
if (run("npm", ["run", "build"]) !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const vitest = "node_modules/vitest/vitest.mjs";
// Integration files run one at a time within a shard (each starts engines); two shards side by side.
const INTEGRATION_SHARDS = 2;
const suites = [
  ["unit", [vitest, "run", "--project", "unit"]],
  ...Array.from({ length: INTEGRATION_SHARDS }, (_, i) => [
    `integration-${i + 1}`,
    [vitest, "run", "--project", "integration", `--shard=${i + 1}/${INTEGRATION_SHARDS}`],
  ]),
  ["e2e", ["node_modules/@playwright/test/cli.js", "test"]],
].filter(([name]) => !only || name === only || name.startsWith(`${only}-`));

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;

/** Runs a suite; with `logFile`, its output goes there and is printed when it ends. */
function runSuite(name, args, logFile) {
  const report = `${reports}/${name}.json`;
  const isVitest = name !== "e2e";
  const fullArgs = isVitest
    ? [...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]
    : [...args, "--reporter=list,json"];
  const suiteEnv = { ...env, ...(isVitest ? {} : { PLAYWRIGHT_JSON_OUTPUT_NAME: report }) };
  console.log(
    `\n$ ${process.execPath} ${fullArgs.join(" ")}${logFile ? ` (output: ${logFile})` : ""}`,
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, fullArgs, {
      stdio: logFile ? ["ignore", "pipe", "pipe"] : "inherit",
      env: suiteEnv,
    });
    if (logFile) {
      const log = createWriteStream(logFile);
      child.stdout.pipe(log);
      child.stderr.pipe(log);
    }
    child.on("close", (code) => {
      if (logFile) {
        console.log(`\n===== ${name} =====`);
        process.stdout.write(readFileSync(logFile));
      }
      resolve({ name, report, isVitest, status: code ?? 1 });
    });
  });
}

function count({ name, report, isVitest, status }) {
  if (status !== 0) exitCode = 1;
  if (!existsSync(report)) {
    failed += 1;
    console.log(`${name}: no report written`);
    return;
  }
  const data = JSON.parse(readFileSync(report, "utf8"));
  if (isVitest) {
    passed += data.numPassedTests ?? 0;
    failed += data.numFailedTests ?? 0;
    skipped += (data.numPendingTests ?? 0) + (data.numTodoTests ?? 0);
    // A file that failed to load has no failed test but must still count.
    if (status !== 0 && (data.numFailedTests ?? 0) === 0) failed += 1;
  } else {
    passed += (data.stats?.expected ?? 0) + (data.stats?.flaky ?? 0);
    failed += data.stats?.unexpected ?? 0;
    skipped += data.stats?.skipped ?? 0;
    if (status !== 0 && (data.stats?.unexpected ?? 0) === 0) failed += 1;
  }
}

// Unit tests first and alone (CPU only); then the suites that start engines, side by side.
for (const [name, args] of suites.filter(([name]) => name === "unit")) {
  count(await runSuite(name, args));
}
const engineSuites = suites.filter(([name]) => name !== "unit");
const outcomes = await Promise.all(
  engineSuites.map(([name, args], i) =>
    runSuite(name, args, i === 0 ? undefined : `${reports}/${name}.log`),
  ),
);
outcomes.forEach(count);

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode);
