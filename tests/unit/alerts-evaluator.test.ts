import { describe, expect, it } from "vitest";
import type { AlertRuleKind, ContainerLifeEvent, HostSample } from "@/lib/protocol";
import {
  AlertEvaluator,
  OFFLINE_START_GRACE_MS,
  type AlertTransition,
  type HostFacts,
  type OpenAlert,
  type SubjectSilence,
} from "@/lib/alerts/alert-evaluator";
import { parseSubject } from "@/lib/alerts/alert-subjects";
import {
  compileAlertRules,
  globToRegExp,
  type AlertRuleRow,
} from "@/lib/alerts/compile-alert-rules";
import { ContainerLifeEvents } from "../../agent/src/engine/container-life-events";

const T0 = 1_700_000_000_000;

function ruleRow(
  id: string,
  condition: Record<string, unknown> & { kind: AlertRuleKind },
  scope: Record<string, unknown> = {},
  silencedUntil: Date | null = null,
): AlertRuleRow {
  return {
    id,
    name: `rule ${id}`,
    kind: condition.kind,
    severity: "warning",
    condition,
    scope,
    silencedUntil,
  };
}

function setup(
  rows: AlertRuleRow[],
  options: {
    hosts?: HostFacts[];
    groups?: Map<string, string[]>;
    open?: OpenAlert[];
    silences?: SubjectSilence[];
    now?: number;
  } = {},
) {
  const transitions: AlertTransition[] = [];
  const evaluator = new AlertEvaluator((t) => transitions.push(t));
  const hosts = options.hosts ?? [
    { id: "h1", name: "web-1", online: true, lastSeenAt: T0 },
    { id: "h2", name: "web-2", online: true, lastSeenAt: T0 },
  ];
  const { rules, problems } = compileAlertRules(rows, options.groups ?? new Map());
  expect(problems).toEqual([]);
  evaluator.load({
    rules,
    hosts,
    openAlerts: options.open ?? [],
    silences: options.silences ?? [],
    now: options.now ?? T0,
  });
  const fired = () => transitions.filter((t) => t.type === "fire");
  const resolved = () => transitions.filter((t) => t.type === "resolve");
  return { evaluator, transitions, fired, resolved, rules };
}

function sample(at: number, values: Partial<HostSample> = {}): HostSample {
  return {
    at,
    cpuPercent: 5,
    memUsedBytes: 1_000,
    memTotalBytes: 10_000,
    diskUsedBytes: 10,
    diskTotalBytes: 100,
    netRxBytesPerSec: 0,
    netTxBytesPerSec: 0,
    load1: 0.1,
    load5: 0.1,
    load15: 0.1,
    ...values,
  };
}

function life(
  action: ContainerLifeEvent["action"],
  at: number,
  extra: Partial<ContainerLifeEvent> = {},
): ContainerLifeEvent {
  return { id: "c1", name: "web", image: "nginx:1.27", action, labels: {}, at, ...extra };
}

describe("host metric rules", () => {
  const cpu = ruleRow("r1", {
    kind: "host_metric",
    metric: "cpuPercent",
    op: "above",
    threshold: 90,
    forSeconds: 10,
  });

  it("fires once when every sample for forSeconds is above, and resolves once when one is not", () => {
    const { evaluator, fired, resolved } = setup([cpu]);
    evaluator.onHostSample("h1", sample(T0, { cpuPercent: 97 }));
    evaluator.onHostSample("h1", sample(T0 + 5_000, { cpuPercent: 95 }));
    expect(fired()).toHaveLength(0);
    evaluator.onHostSample("h1", sample(T0 + 10_000, { cpuPercent: 97 }));
    evaluator.onHostSample("h1", sample(T0 + 11_000, { cpuPercent: 99 }));
    expect(fired()).toHaveLength(1);
    expect(fired()[0]).toMatchObject({
      ruleId: "r1",
      subject: "host:h1",
      hostId: "h1",
      containerName: null,
      message: "CPU 97% for 10 s on web-1 (above 90%)",
      silenced: false,
    });
    evaluator.onHostSample("h1", sample(T0 + 12_000, { cpuPercent: 12 }));
    evaluator.onHostSample("h1", sample(T0 + 13_000, { cpuPercent: 11 }));
    expect(resolved()).toHaveLength(1);
    expect(resolved()[0]!.message).toBe("CPU back to 12% on web-1 (below 90% again)");
  });

  it("starts counting again after a sample below the threshold", () => {
    const { evaluator, fired } = setup([cpu]);
    evaluator.onHostSample("h1", sample(T0, { cpuPercent: 97 }));
    evaluator.onHostSample("h1", sample(T0 + 6_000, { cpuPercent: 50 }));
    evaluator.onHostSample("h1", sample(T0 + 7_000, { cpuPercent: 97 }));
    evaluator.onHostSample("h1", sample(T0 + 12_000, { cpuPercent: 97 }));
    expect(fired()).toHaveLength(0);
    evaluator.onHostSample("h1", sample(T0 + 17_000, { cpuPercent: 97 }));
    expect(fired()).toHaveLength(1);
  });

  it("reads memory and disk as shares of their totals, and below", () => {
    const { evaluator, fired } = setup([
      ruleRow("mem", {
        kind: "host_metric",
        metric: "memPercent",
        op: "above",
        threshold: 80,
        forSeconds: 0,
      }),
      ruleRow("disk", {
        kind: "host_metric",
        metric: "diskPercent",
        op: "below",
        threshold: 20,
        forSeconds: 0,
      }),
    ]);
    evaluator.onHostSample("h1", sample(T0, { memUsedBytes: 8_500, diskUsedBytes: 10 }));
    expect(fired().map((t) => [t.ruleId, t.message])).toEqual([
      ["mem", "Memory 85% on web-1 (above 80%)"],
      ["disk", "Disk 10% on web-1 (below 20%)"],
    ]);
  });

  it("watches only the hosts of its scope, groups resolved", () => {
    const groups = new Map([["g1", ["h2"]]]);
    const { evaluator, fired } = setup(
      [
        ruleRow(
          "byHost",
          { kind: "host_metric", metric: "load1", threshold: 2, forSeconds: 0 },
          { hostIds: ["h1"] },
        ),
        ruleRow(
          "byGroup",
          { kind: "host_metric", metric: "load1", threshold: 2, forSeconds: 0 },
          { hostGroupIds: ["g1"] },
        ),
      ],
      { groups },
    );
    evaluator.onHostSample("h1", sample(T0, { load1: 3 }));
    evaluator.onHostSample("h2", sample(T0, { load1: 3 }));
    expect(fired().map((t) => [t.ruleId, t.hostId])).toEqual([
      ["byHost", "h1"],
      ["byGroup", "h2"],
    ]);
  });

  it("records a firing of a silenced rule or subject as silenced", () => {
    const { evaluator, fired } = setup(
      [
        ruleRow(
          "quiet",
          { kind: "host_metric", metric: "cpuPercent", threshold: 90, forSeconds: 0 },
          {},
          new Date(T0 + 60_000),
        ),
        ruleRow(
          "loud",
          { kind: "host_metric", metric: "cpuPercent", threshold: 90, forSeconds: 0 },
          {},
          new Date(T0 - 1),
        ),
      ],
      { silences: [{ ruleId: "loud", subject: "host:h2", until: T0 + 60_000 }] },
    );
    evaluator.onHostSample("h1", sample(T0, { cpuPercent: 95 }));
    evaluator.onHostSample("h2", sample(T0, { cpuPercent: 95 }));
    expect(fired().map((t) => [t.ruleId, t.hostId, t.silenced])).toEqual([
      ["quiet", "h1", true],
      ["loud", "h1", false],
      ["quiet", "h2", true],
      ["loud", "h2", true],
    ]);
  });

  it("adopts an open alert after a restart: no second firing, one resolution", () => {
    const { evaluator, fired, resolved } = setup([cpu], {
      open: [{ ruleId: "r1", subject: "host:h1" }],
    });
    evaluator.onHostSample("h1", sample(T0, { cpuPercent: 97 }));
    evaluator.onHostSample("h1", sample(T0 + 20_000, { cpuPercent: 97 }));
    expect(fired()).toHaveLength(0);
    evaluator.onHostSample("h1", sample(T0 + 21_000, { cpuPercent: 10 }));
    expect(resolved()).toHaveLength(1);
  });

  it("resolves open alerts of rules that are no longer enabled", () => {
    const { resolved } = setup([], { open: [{ ruleId: "gone", subject: "host:h1" }] });
    expect(resolved()).toMatchObject([{ ruleId: "gone", subject: "host:h1" }]);
  });
});

describe("host offline rules", () => {
  const offline = ruleRow("off", { kind: "host_offline", forSeconds: 30 });

  it("fires after forSeconds offline and resolves when the host is back", () => {
    const { evaluator, fired, resolved } = setup([offline]);
    evaluator.onHostStatus("h1", false, T0 + 1_000);
    evaluator.tick(T0 + 20_000);
    expect(fired()).toHaveLength(0);
    evaluator.tick(T0 + 31_000);
    evaluator.tick(T0 + 32_000);
    expect(fired()).toHaveLength(1);
    expect(fired()[0]!.message).toBe("web-1 has been offline for 30 s");
    evaluator.onHostStatus("h1", true, T0 + 40_000);
    evaluator.onHostStatus("h1", true, T0 + 41_000);
    expect(resolved()).toHaveLength(1);
    expect(resolved()[0]!.message).toBe("web-1 is back online");
  });

  it("does not fire when the host comes back in time", () => {
    const { evaluator, fired } = setup([offline]);
    evaluator.onHostStatus("h1", false, T0);
    evaluator.onHostStatus("h1", true, T0 + 10_000);
    evaluator.tick(T0 + 60_000);
    expect(fired()).toHaveLength(0);
  });

  it("counts a host not connected at start as offline since its last contact, after a grace", () => {
    const { evaluator, fired } = setup([offline], {
      hosts: [{ id: "h1", name: "web-1", online: false, lastSeenAt: T0 - 600_000 }],
    });
    evaluator.tick(T0 + 1_000);
    expect(fired()).toHaveLength(0);
    evaluator.tick(T0 + OFFLINE_START_GRACE_MS);
    expect(fired()).toHaveLength(1);
  });

  it("resolves an adopted offline alert of a host that is connected", () => {
    const { resolved, fired } = setup([offline], { open: [{ ruleId: "off", subject: "host:h1" }] });
    expect(resolved()).toMatchObject([{ subject: "host:h1", message: "web-1 is back online" }]);
    expect(fired()).toHaveLength(0);
  });
});

describe("container rules", () => {
  it("container_exit: a non-zero exit on its own fires once; requested and ignored codes do not", () => {
    const { evaluator, fired, resolved } = setup([
      ruleRow("exit", { kind: "container_exit", ignoreExitCodes: [143] }),
    ]);
    evaluator.onContainerEvent("h1", life("die", T0, { exitCode: 0 }));
    evaluator.onContainerEvent("h1", life("die", T0, { exitCode: 137, requested: true }));
    evaluator.onContainerEvent("h1", life("die", T0, { exitCode: 143 }));
    expect(fired()).toHaveLength(0);
    evaluator.onContainerEvent("h1", life("die", T0, { exitCode: 3 }));
    evaluator.onContainerEvent("h1", life("die", T0 + 1, { exitCode: 3 }));
    expect(fired()).toMatchObject([
      { subject: "container:h1/web", containerName: "web", message: "web exited with code 3" },
    ]);
    evaluator.onContainerEvent("h1", life("start", T0 + 2));
    evaluator.onContainerEvent("h1", life("start", T0 + 3));
    expect(resolved()).toMatchObject([{ message: "web is running again" }]);
  });

  it("container_exit resolves when the container is removed", () => {
    const { evaluator, resolved } = setup([ruleRow("exit", { kind: "container_exit" })]);
    evaluator.onContainerEvent("h1", life("die", T0, { exitCode: 1 }));
    evaluator.onContainerGone("h1", "web", T0 + 1);
    expect(resolved()).toMatchObject([{ message: "web was removed" }]);
  });

  it("container_oom fires on oom and resolves at the next start", () => {
    const { evaluator, fired, resolved } = setup([ruleRow("oom", { kind: "container_oom" })]);
    evaluator.onContainerEvent("h1", life("oom", T0, { name: "db" }));
    evaluator.onContainerEvent("h1", life("oom", T0, { name: "db" }));
    expect(fired()).toMatchObject([{ message: "db was killed: out of memory" }]);
    evaluator.onContainerEvent("h1", life("start", T0 + 1_000, { name: "db" }));
    expect(resolved()).toHaveLength(1);
  });

  it("container_unhealthy fires after forSeconds unhealthy and resolves on healthy", () => {
    const { evaluator, fired, resolved } = setup([
      ruleRow("sick", { kind: "container_unhealthy", forSeconds: 20 }),
    ]);
    evaluator.onContainerEvent("h1", life("health_status", T0, { health: "unhealthy" }));
    evaluator.tick(T0 + 10_000);
    expect(fired()).toHaveLength(0);
    evaluator.onContainerEvent("h1", life("health_status", T0 + 15_000, { health: "unhealthy" }));
    evaluator.tick(T0 + 20_000);
    evaluator.tick(T0 + 21_000);
    expect(fired()).toMatchObject([{ message: "web has been unhealthy for 20 s" }]);
    evaluator.onContainerEvent("h1", life("health_status", T0 + 30_000, { health: "healthy" }));
    expect(resolved()).toMatchObject([{ message: "web is healthy again" }]);
  });

  it("container_unhealthy with no duration fires at once and resolves when the container stops", () => {
    const { evaluator, fired, resolved } = setup([
      ruleRow("sick", { kind: "container_unhealthy" }),
    ]);
    evaluator.onContainerEvent("h1", life("health_status", T0, { health: "unhealthy" }));
    expect(fired()).toMatchObject([{ message: "web is unhealthy" }]);
    evaluator.onContainerEvent("h1", life("die", T0 + 1, { exitCode: 0, requested: true }));
    expect(resolved()).toMatchObject([{ message: "web stopped" }]);
  });

  it("container_restarts fires past count restarts in the window and resolves when they leave it", () => {
    const { evaluator, fired, resolved } = setup([
      ruleRow("loop", { kind: "container_restarts", count: 2, windowMinutes: 5 }),
    ]);
    evaluator.onContainerEvent("h1", life("start", T0)); // a first start is no restart
    for (let i = 0; i < 4; i += 1) {
      // restarts someone asked for are no loop
      evaluator.onContainerEvent("h1", life("die", T0 + i, { exitCode: 143, requested: true }));
      evaluator.onContainerEvent("h1", life("start", T0 + i));
    }
    for (let i = 1; i <= 4; i += 1) {
      evaluator.onContainerEvent("h1", life("die", T0 + i * 1_000, { exitCode: 1 }));
      evaluator.onContainerEvent("h1", life("start", T0 + i * 1_000 + 100));
    }
    expect(fired()).toMatchObject([{ message: "web restarted 3 times in 5 minutes" }]);
    evaluator.tick(T0 + 60_000);
    expect(resolved()).toHaveLength(0);
    evaluator.tick(T0 + 5 * 60_000 + 3_500);
    evaluator.tick(T0 + 5 * 60_000 + 4_000);
    expect(resolved()).toMatchObject([
      { message: "web restarted at most 2 times in the last 5 minutes" },
    ]);
  });

  it("scopes by container name glob and labels", () => {
    const { evaluator, fired } = setup([
      ruleRow("byName", { kind: "container_oom" }, { containerNamePattern: "api-?" }),
      ruleRow(
        "byLabel",
        { kind: "container_oom" },
        { labels: [{ key: "tier", value: "db" }, { key: "team" }] },
      ),
    ]);
    evaluator.onContainerEvent("h1", life("oom", T0, { name: "api-1" }));
    evaluator.onContainerEvent("h1", life("oom", T0, { name: "api-12" }));
    evaluator.onContainerEvent(
      "h1",
      life("oom", T0, { name: "pg", labels: { tier: "db", team: "x" } }),
    );
    evaluator.onContainerEvent("h1", life("oom", T0, { name: "pg2", labels: { tier: "db" } }));
    evaluator.onContainerEvent(
      "h1",
      life("oom", T0, { name: "pg3", labels: { tier: "web", team: "x" } }),
    );
    expect(fired().map((t) => [t.ruleId, t.containerName])).toEqual([
      ["byName", "api-1"],
      ["byLabel", "pg"],
    ]);
  });

  it("settles adopted container alerts from the host's container list", () => {
    const { evaluator, resolved } = setup(
      [ruleRow("exit", { kind: "container_exit" }), ruleRow("oom", { kind: "container_oom" })],
      {
        open: [
          { ruleId: "exit", subject: "container:h1/web" },
          { ruleId: "oom", subject: "container:h1/db" },
          { ruleId: "exit", subject: "container:h1/batch" },
        ],
      },
    );
    evaluator.onContainers(
      "h1",
      [
        { name: "web", state: "running", health: "none", labels: {} },
        { name: "batch", state: "exited", health: "none", labels: {} },
      ],
      T0,
    );
    expect(resolved().map((t) => [t.subject, t.message])).toEqual([
      ["container:h1/web", "web is running again"],
      ["container:h1/db", "db was removed"],
    ]);
  });
});

describe("adopted container alerts", () => {
  it("are checked once against the last known list, which never overrules fresh events", () => {
    const { evaluator, fired, resolved } = setup([ruleRow("oom", { kind: "container_oom" })], {
      open: [{ ruleId: "oom", subject: "container:h1/db" }],
    });
    evaluator.onContainerEvent("h1", life("oom", T0, { name: "web" }));
    expect(fired()).toHaveLength(1);
    const lagging = [
      { name: "web", state: "running", health: "none", labels: {} },
      { name: "db", state: "running", health: "none", labels: {} },
    ];
    evaluator.settleAdopted("h1", lagging, T0 + 1);
    evaluator.settleAdopted("h1", lagging, T0 + 2);
    expect(resolved().map((t) => t.subject)).toEqual(["container:h1/db"]);
  });
});

describe("log pattern rules", () => {
  const errors = ruleRow(
    "log",
    { kind: "log_pattern", pattern: "ERROR", stream: "stderr", quietSeconds: 60 },
    { containerNamePattern: "worker*" },
  );

  it("fires once per container with the line, honours the stream, resolves after a quiet time", () => {
    const { evaluator, fired, resolved } = setup([errors]);
    const worker = { name: "worker", labels: {} };
    evaluator.onLogLine("h1", worker, "stdout", "ERROR on stdout", T0);
    evaluator.onLogLine("h1", { name: "web", labels: {} }, "stderr", "ERROR in web", T0);
    expect(fired()).toHaveLength(0);
    evaluator.onLogLine("h1", worker, "stderr", "ERROR disk full", T0);
    evaluator.onLogLine("h1", worker, "stderr", "ERROR again", T0 + 30_000);
    expect(fired()).toMatchObject([
      {
        subject: "container:h1/worker",
        message: "Line matched /ERROR/ in worker: ERROR disk full",
        details: { line: "ERROR disk full", stream: "stderr" },
      },
    ]);
    evaluator.tick(T0 + 80_000);
    expect(resolved()).toHaveLength(0);
    evaluator.tick(T0 + 90_000);
    evaluator.tick(T0 + 91_000);
    expect(resolved()).toMatchObject([{ message: "No line matched /ERROR/ in worker for 60 s" }]);
  });

  it("matches only the first LOG_PATTERN_LINE_MAX characters", () => {
    const { evaluator, fired } = setup([
      ruleRow("late", { kind: "log_pattern", pattern: "NEEDLE" }),
    ]);
    evaluator.onLogLine("h1", { name: "w", labels: {} }, "stdout", `${"x".repeat(5000)}NEEDLE`, T0);
    expect(fired()).toHaveLength(0);
  });

  it("tells which containers it watches", () => {
    const { evaluator } = setup([errors]);
    expect(evaluator.watchesLogsOf("h1", { name: "worker-2", labels: {} })).toBe(true);
    expect(evaluator.watchesLogsOf("h1", { name: "web", labels: {} })).toBe(false);
  });
});

describe("image update rules", () => {
  it("fires per image of containers in scope and resolves when up to date", () => {
    const { evaluator, fired, resolved } = setup([
      ruleRow("img", { kind: "image_update" }, { labels: [{ key: "watch" }] }),
    ]);
    const finding = (
      status: "update_available" | "up_to_date",
      ref: string,
      labels: Record<string, string>,
    ) => ({
      imageRef: ref,
      status,
      localDigest: "sha256:a",
      remoteDigest: "sha256:b",
      containers: [{ id: "c1", name: "web", labels }],
    });
    evaluator.onImageChecks("h1", [finding("update_available", "nginx:1.27", { watch: "1" })], T0);
    evaluator.onImageChecks("h1", [finding("update_available", "nginx:1.27", { watch: "1" })], T0);
    evaluator.onImageChecks("h1", [finding("update_available", "redis:7", {})], T0);
    expect(fired()).toMatchObject([
      { subject: "image:h1/nginx:1.27", message: "nginx:1.27 has a newer image in its registry" },
    ]);
    evaluator.onImageChecks("h1", [finding("up_to_date", "nginx:1.27", { watch: "1" })], T0 + 1);
    expect(resolved()).toMatchObject([{ message: "nginx:1.27 is up to date" }]);
  });
});

describe("subjects and globs", () => {
  it("parses subjects", () => {
    expect(parseSubject("host:h1")).toEqual({ type: "host", hostId: "h1" });
    expect(parseSubject("container:h1/web")).toEqual({
      type: "container",
      hostId: "h1",
      name: "web",
    });
    expect(parseSubject("image:h1/reg:5000/app:1")).toEqual({
      type: "image",
      hostId: "h1",
      ref: "reg:5000/app:1",
    });
    expect(parseSubject("bogus")).toBeNull();
  });

  it("takes everything but * and ? literally", () => {
    expect(globToRegExp("web.*").test("web.1")).toBe(true);
    expect(globToRegExp("web.*").test("webx1")).toBe(false);
    expect(globToRegExp("a(b)?").test("a(b)c")).toBe(true);
  });

  it("leaves out rules whose condition does not parse", () => {
    const bad = ruleRow("bad", { kind: "container_restarts", count: 0, windowMinutes: 5 });
    expect(compileAlertRules([bad], new Map()).problems).toHaveLength(1);
  });
});

describe("agent life events", () => {
  const event = (Action: string, Attributes: Record<string, string> = {}) => ({
    Type: "container",
    Action,
    Actor: { ID: "c1", Attributes: { name: "web", image: "nginx", ...Attributes } },
  });

  it("marks a die after a stop or kill through the engine as requested, for 30 s", () => {
    let now = T0;
    const events = new ContainerLifeEvents(() => now);
    expect(events.onEvent(event("die", { exitCode: "3", tier: "db" }))).toMatchObject({
      action: "die",
      exitCode: 3,
      requested: false,
      labels: { tier: "db" },
    });
    expect(events.onEvent(event("kill", { signal: "15" }))).toBeNull();
    now += 1_000;
    expect(events.onEvent(event("die", { exitCode: "143" }))).toMatchObject({ requested: true });
    now += 31_000;
    expect(events.onEvent(event("die", { exitCode: "1" }))).toMatchObject({ requested: false });
  });

  it("reads health from the action and leaves out other events", () => {
    const events = new ContainerLifeEvents(() => T0);
    expect(events.onEvent(event("health_status: unhealthy"))).toMatchObject({
      action: "health_status",
      health: "unhealthy",
      labels: {},
    });
    expect(events.onEvent(event("exec_start: sh"))).toBeNull();
    expect(events.onEvent({ ...event("start"), Type: "image" })).toBeNull();
  });
});
