/**
 * Benchmark: the alert evaluator's cost on the server for a fleet of BENCH_ALERT_HOSTS (200) hosts
 * with BENCH_ALERT_CONTAINERS (20) containers each, every host sending one sample a second, for
 * BENCH_ALERT_SECONDS (60) simulated seconds, fed in-process as fast as it goes: host samples (a
 * few hosts busy), container life events (crashes, restart loops, health changes, OOMs) and
 * BENCH_ALERT_LOG_LINES (2000) log lines a second, against a realistic rule set. Prints the CPU
 * time it took as a share of one core over the simulated time. Goal: at most 5%. Needs no root.
 */
import type { AlertCondition, AlertRuleKind, ContainerLifeEvent, HostSample } from "@/lib/protocol";
import { AlertEvaluator } from "@/lib/alerts/alert-evaluator";
import { compileAlertRules, type AlertRuleRow } from "@/lib/alerts/compile-alert-rules";

const HOSTS = Number(process.env.BENCH_ALERT_HOSTS ?? 200);
const CONTAINERS = Number(process.env.BENCH_ALERT_CONTAINERS ?? 20);
const SECONDS = Number(process.env.BENCH_ALERT_SECONDS ?? 60);
const LOG_LINES_PER_S = Number(process.env.BENCH_ALERT_LOG_LINES ?? 2000);
/** container life events a second across the fleet */
const EVENTS_PER_S = 40;
const GOAL_PERCENT = 5;

/** A small deterministic generator, so every run feeds the same fleet. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function rule(
  id: string,
  condition: AlertCondition,
  scope: Record<string, unknown> = {},
): AlertRuleRow {
  const kind: AlertRuleKind = condition.kind;
  return { id, name: id, kind, severity: "warning", condition, scope, silencedUntil: null };
}

function ruleSet(hostIds: string[]): AlertRuleRow[] {
  const some = hostIds.filter((_, i) => i % 4 === 0);
  const metric = (
    id: string,
    metric: Extract<AlertCondition, { kind: "host_metric" }>["metric"],
    threshold: number,
    scope: Record<string, unknown> = {},
  ) => rule(id, { kind: "host_metric", metric, op: "above", threshold, forSeconds: 30 }, scope);
  return [
    metric("cpu-90", "cpuPercent", 90),
    metric("cpu-70-prod", "cpuPercent", 70, { hostGroupIds: ["prod"] }),
    metric("mem-90", "memPercent", 90),
    metric("mem-80-some", "memPercent", 80, { hostIds: some }),
    metric("disk-85", "diskPercent", 85),
    metric("disk-95", "diskPercent", 95),
    metric("load1-8", "load1", 8),
    metric("load5-6", "load5", 6, { hostIds: some }),
    metric("rx-100M", "netRxBytesPerSec", 100_000_000),
    metric("tx-100M", "netTxBytesPerSec", 100_000_000),
    rule("offline", { kind: "host_offline", forSeconds: 60 }),
    rule("exit", { kind: "container_exit", ignoreExitCodes: [143] }),
    rule(
      "exit-api",
      { kind: "container_exit", ignoreExitCodes: [] },
      { containerNamePattern: "api-*" },
    ),
    rule("oom", { kind: "container_oom" }),
    rule("unhealthy", { kind: "container_unhealthy", forSeconds: 30 }),
    rule("restarts", { kind: "container_restarts", count: 3, windowMinutes: 5 }),
    rule(
      "restarts-db",
      { kind: "container_restarts", count: 1, windowMinutes: 10 },
      { labels: [{ key: "tier", value: "db" }] },
    ),
    rule(
      "errors",
      {
        kind: "log_pattern",
        pattern: "\\b(ERROR|FATAL)\\b",
        ignoreCase: false,
        stream: "any",
        quietSeconds: 300,
      },
      { containerNamePattern: "api-*" },
    ),
    rule(
      "timeouts",
      {
        kind: "log_pattern",
        pattern: "timed? ?out after \\d+ ?ms",
        ignoreCase: true,
        stream: "stderr",
        quietSeconds: 120,
      },
      { labels: [{ key: "tier" }] },
    ),
    rule("images", { kind: "image_update" }),
  ];
}

export async function run(): Promise<void> {
  const rand = random(42);
  const hostIds = Array.from({ length: HOSTS }, (_, i) => `host${i}`);
  const prod = hostIds.filter((_, i) => i % 2 === 0);
  const { rules, problems } = compileAlertRules(ruleSet(hostIds), new Map([["prod", prod]]));
  if (problems.length > 0) throw new Error(problems.join("; "));
  const containers = hostIds.map((_, h) =>
    Array.from({ length: CONTAINERS }, (_, c) => ({
      id: `h${h}c${c}`,
      name: c < 5 ? `api-${c}` : c < 8 ? `db-${c}` : `worker-${c}`,
      image: "registry.example.test/app:1",
      labels: (c >= 5 && c < 8 ? { tier: "db" } : {}) as Record<string, string>,
    })),
  );

  let fired = 0;
  let resolved = 0;
  const evaluator = new AlertEvaluator((t) => (t.type === "fire" ? fired++ : resolved++));
  const t0 = Date.UTC(2026, 0, 1);
  evaluator.load({
    rules,
    hosts: hostIds.map((id) => ({ id, name: id, online: true, lastSeenAt: t0 })),
    openAlerts: [],
    silences: [],
    now: t0,
  });

  const busy = new Set(hostIds.filter(() => rand() < 0.05));
  const sample = (at: number, hostIndex: number): HostSample => {
    const hot = busy.has(hostIds[hostIndex]!);
    return {
      at,
      cpuPercent: hot ? 95 + rand() * 5 : 10 + rand() * 30,
      memUsedBytes: (hot ? 0.93 : 0.5 + rand() * 0.2) * 16e9,
      memTotalBytes: 16e9,
      diskUsedBytes: (0.6 + rand() * 0.3) * 500e9,
      diskTotalBytes: 500e9,
      netRxBytesPerSec: rand() * 5e6,
      netTxBytesPerSec: rand() * 5e6,
      load1: hot ? 9 : rand() * 2,
      load5: hot ? 7 : rand() * 2,
      load15: rand() * 2,
    };
  };
  const lines = [
    "GET /api/orders 200 12ms user=4821 trace=9f1c2e7a0b",
    "INFO worker picked job 88123 from queue default (attempt 1)",
    "WARN slow query took 812 ms: SELECT * FROM orders WHERE customer_id = $1",
    "ERROR upstream payment service returned 502 for order 99123",
    "request to inventory timed out after 3000 ms",
    "DEBUG cache hit ratio 0.93 over the last 60 s (keys=120331)",
  ];
  const actions: Array<Pick<ContainerLifeEvent, "action" | "exitCode" | "health">> = [
    { action: "die", exitCode: 1 },
    { action: "start" },
    { action: "health_status", health: "unhealthy" },
    { action: "health_status", health: "healthy" },
    { action: "die", exitCode: 0 },
    { action: "oom" },
  ];

  // the synthetic input is made before measuring: only the evaluator's work counts
  const seconds = Array.from({ length: SECONDS }, (_, s) => {
    const at = t0 + (s + 1) * 1000;
    return {
      at,
      samples: hostIds.map((_, h) => sample(at, h)),
      events: Array.from({ length: EVENTS_PER_S }, () => {
        const h = Math.floor(rand() * HOSTS);
        const c = containers[h]![Math.floor(rand() * CONTAINERS)]!;
        const a = actions[Math.floor(rand() * actions.length)]!;
        return { hostId: hostIds[h]!, event: { ...c, ...a, at } as ContainerLifeEvent };
      }),
      logs: Array.from({ length: LOG_LINES_PER_S }, () => {
        const h = Math.floor(rand() * HOSTS);
        return {
          hostId: hostIds[h]!,
          container: containers[h]![Math.floor(rand() * CONTAINERS)]!,
          stream: rand() < 0.3 ? ("stderr" as const) : ("stdout" as const),
          text: lines[Math.floor(rand() * lines.length)]!,
        };
      }),
    };
  });

  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (const second of seconds) {
    second.samples.forEach((s, h) => evaluator.onHostSample(hostIds[h]!, s));
    for (const { hostId, event } of second.events) evaluator.onContainerEvent(hostId, event);
    for (const l of second.logs)
      evaluator.onLogLine(l.hostId, l.container, l.stream, l.text, second.at);
    evaluator.tick(second.at);
  }
  const wallMs = performance.now() - wallBefore;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const share = (cpuMs / (SECONDS * 1000)) * 100;
  const samples = HOSTS * SECONDS;
  console.log(
    `fleet:      ${HOSTS} hosts × ${CONTAINERS} containers, ${rules.length} rules, ${SECONDS} s simulated`,
  );
  console.log(
    `input:      ${samples} host samples, ${EVENTS_PER_S * SECONDS} container events, ${LOG_LINES_PER_S * SECONDS} log lines`,
  );
  console.log(`outcome:    ${fired} fired, ${resolved} resolved`);
  console.log(
    `cost:       ${cpuMs.toFixed(0)} ms CPU (${wallMs.toFixed(0)} ms wall) = ${share.toFixed(2)}% of one core (goal ≤ ${GOAL_PERCENT}%)`,
  );
  if (share > GOAL_PERCENT) console.log("ABOVE GOAL");
}
