// `npm test`: builds, then runs unit, integration and browser tests against real PostgreSQL,
// real dockerd engines in network namespaces, real agents and Chromium. Ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

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

const suites = [
  ["unit", ["node_modules/vitest/vitest.mjs", "run", "--project", "unit"]],
  ["integration", ["node_modules/vitest/vitest.mjs", "run", "--project", "integration"]],
  ["e2e", ["node_modules/@playwright/test/cli.js", "test"]],
].filter(([name]) => !only || only === name);

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;
for (const [name, args] of suites) {
  const report = `${reports}/${name}.json`;
  const isVitest = name !== "e2e";
  const fullArgs = isVitest
    ? [...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]
    : [...args, "--reporter=list,json"];
  const status = run(
    process.execPath,
    fullArgs,
    isVitest ? {} : { PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  );
  if (status !== 0) exitCode = 1;
  if (!existsSync(report)) {
    failed += 1;
    console.log(`${name}: no report written`);
    continue;
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

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode);
