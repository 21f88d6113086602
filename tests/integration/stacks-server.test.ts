import type { StackRow } from "@/lib/services/stacks/stack-row";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AgentEvents,
  NetworkSpecSchema,
  RunSpecSchema,
  UiEvents,
  type AgentCommandReply,
  type ComposePlan,
  type ComposeProjectSummary,
  type ComposeStep,
  type ComposeUpParams,
  type RunSpec,
} from "@/lib/protocol";
import { FakeAgent, type RecordedCommand } from "../harness/fake-agent";
import { freePort } from "../harness/ports";
import { startTestPostgres, type TestPostgres } from "../harness/postgres";
import { startServer, type ServerProcess } from "../harness/server";
import { TestSession } from "../harness/session";
import { connected, waitFor } from "../harness/stack";

/**
 * The server's side of stacks, with a host whose agent is scripted (it speaks the /agent protocol
 * and answers compose.plan, compose.up, compose.list and host.resolvePaths as told): what reaches
 * the agent after the policy judged a plan, and what never does; binds from the stack's own folder
 * and symlinks out of it; the outcome kept on the stack; live steps for the caller's call id;
 * discovered projects merged into the list; an offline host's stacks.
 */
let pg: TestPostgres;
let server: ServerProcess;
let agent: FakeAgent;
let hostId: string;
let hostKey: string;
let deployer: TestSession;
let viewer: TestSession;
const ADMIN = { email: "root@example.test", password: "a long enough password" };
const WORKDIR = "/var/lib/berth-agent-stacks";

type ApiError = {
  error: {
    code: string;
    message: string;
    field?: string;
    violations?: Array<{ rule: string; field: string; message: string }>;
  };
};
type Row = StackRow;

/** What the scripted agent answers: plans by project, the host's projects, symlinks, up's fate. */
const script = {
  plans: new Map<string, ComposePlan>(),
  projects: [] as ComposeProjectSummary[],
  /** host path → where it really leads */
  links: new Map<string, string>(),
  up: null as AgentCommandReply | null,
};

const spec = (extra: Record<string, unknown> = {}): RunSpec =>
  RunSpecSchema.parse({ image: "busybox:1", command: ["sleep", "3600"], ...extra });

function plan(project: string, services: Record<string, RunSpec>, more: Partial<ComposePlan> = {}) {
  const planned: ComposePlan = {
    project,
    workingDir: `${WORKDIR}/${project}`,
    configFiles: [`${WORKDIR}/${project}/compose.yaml`],
    services: Object.entries(services).map(([name, s]) => ({
      name,
      spec: s,
      replicas: 1,
      configHash: "0".repeat(64),
      dependsOn: {},
      pullPolicy: "missing",
      files: [],
    })),
    networks: [],
    volumes: [],
    disabledServices: [],
    warnings: [],
    ...more,
  };
  script.plans.set(project, planned);
  return planned;
}

const UP_STEPS: ComposeStep[] = [
  { kind: "network", target: "p_default", action: "Creating", state: "done" },
  { kind: "container", target: "p-web-1", service: "web", action: "Creating", state: "done" },
];

function answer(request: RecordedCommand & { callId?: string }): AgentCommandReply {
  const ok = (result: unknown): AgentCommandReply => ({ ok: true, result });
  switch (request.command) {
    case "compose.plan": {
      const project = (request.params as { project: string }).project;
      const planned = script.plans.get(project);
      return planned
        ? ok({ problems: [], plan: planned, actions: [] })
        : ok({
            problems: [{ file: "compose.yaml", line: 2, column: 3, message: "bad" }],
            plan: null,
            actions: [],
          });
    }
    case "compose.up":
      if (request.callId) {
        for (const step of UP_STEPS)
          agent.socket.emit(AgentEvents.progress, {
            callId: request.callId,
            progress: { phase: "compose", status: step.action, step },
          });
      }
      return script.up ?? ok({ steps: UP_STEPS });
    case "compose.list":
      return ok({ projects: script.projects });
    case "host.resolvePaths": {
      const { paths } = request.params as { paths: string[] };
      return ok({
        paths: paths.map((p) => ({ path: p, resolved: script.links.get(p) ?? p })),
        volumes: [],
        protectedPaths: [],
      });
    }
    default:
      return ok({});
  }
}

function connectAgent(): Promise<void> {
  agent = new FakeAgent({ serverUrl: server.url, hostId, hostKey, reply: answer });
  return agent.connected();
}

async function userWith(email: string, role: "VIEWER" | "DEPLOYER"): Promise<TestSession> {
  const { db } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/auth/passwords");
  const user = await db.user.create({
    data: { email, name: email, passwordHash: await hashPassword(ADMIN.password) },
  });
  await db.hostAccess.create({ data: { hostId, userId: user.id, role } });
  const session = new TestSession(server.url);
  expect(await session.login(email, ADMIN.password)).toBe(true);
  return session;
}

function send(session: TestSession, url: string, method: string, body?: unknown) {
  return session.fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
}

async function save(name: string): Promise<string> {
  const res = await send(deployer, "/api/stacks", "POST", {
    hostId,
    name,
    files: [{ path: "compose.yaml", content: "services: {}\n" }],
    composeFiles: ["compose.yaml"],
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const sent = (command: string, project: string) =>
  agent.commands.filter(
    (c) => c.command === command && (c.params as { plan?: ComposePlan }).plan?.project === project,
  );

async function row(name: string): Promise<Row | undefined> {
  const res = await viewer.fetch("/api/stacks");
  expect(res.status).toBe(200);
  return ((await res.json()) as { stacks: Row[] }).stacks.find((s) => s.name === name);
}

beforeAll(async () => {
  pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  server = await startServer({ databaseUrl: pg.url, port: await freePort() });
  const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
  await createFirstAdmin({ token: await server.setupToken(), name: "Root", ...ADMIN });
  const { createEnrollmentToken } = await import("@/lib/services/hosts/create-enrollment-token");
  const { token } = await createEnrollmentToken({ system: "test" }, { hostName: "scripted" });
  const res = await fetch(new URL("/api/agent/enroll", server.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, hostname: "scripted", protocolVersion: 1, agentVersion: "test" }),
  });
  ({ hostId, hostKey } = (await res.json()) as { hostId: string; hostKey: string });
  await connectAgent();
  deployer = await userWith("dep@example.test", "DEPLOYER");
  viewer = await userWith("view@example.test", "VIEWER");
}, 120_000);

afterAll(async () => {
  agent?.close();
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  await server?.stop();
  await pg?.stop();
});

describe("deploying through the policy", () => {
  it("sends the judged plan with binds of the stack's own folder, and relays the steps live", async () => {
    const id = await save("web");
    plan("web", {
      web: spec({ binds: [{ source: `${WORKDIR}/web/conf`, target: "/conf", readOnly: true }] }),
    });
    const socket = await connected(deployer.uiSocket());
    const live: ComposeStep[] = [];
    socket.on(UiEvents.commandProgress, ({ callId, progress }) => {
      if (callId === "deploy-web" && progress.step) live.push(progress.step);
    });
    try {
      const res = await send(deployer, `/api/stacks/${id}/deploy`, "POST", {
        callId: "deploy-web",
        pull: true,
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { steps: ComposeStep[] }).steps).toEqual(UP_STEPS);
      await waitFor("live steps", () => live.length === UP_STEPS.length, 5_000);
    } finally {
      socket.close();
    }
    const [up] = sent("compose.up", "web");
    const params = up!.params as ComposeUpParams;
    expect(params.pull).toBe(true);
    expect(params.source.project).toBe("web");
    expect(params.plan.services[0]!.spec.binds[0]!.source).toBe(`${WORKDIR}/web/conf`);
    expect((await row("web"))?.lastDeploy).toMatchObject({
      ok: true,
      error: null,
      by: "dep@example.test",
    });
    const { db } = await import("@/lib/db");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "stack.deploy", target: "web" },
    });
    expect(audit.outcome).toBe("SUCCESS");
    expect(audit.params).toMatchObject({ pull: true, created: ["web"], recreated: [] });
  });

  it("refuses a deployer's privileged service and never sends compose.up", async () => {
    const id = await save("priv");
    plan("priv", { ok: spec(), web: spec({ privileged: true }) });
    const res = await send(deployer, `/api/stacks/${id}/deploy`, "POST", {});
    expect(res.status).toBe(403);
    const { error } = (await res.json()) as ApiError;
    expect(error.violations).toEqual([
      expect.objectContaining({ rule: "privileged", field: "web.privileged" }),
    ]);
    expect(error.message).toMatch(/^web: /);
    expect(sent("compose.up", "priv")).toEqual([]);
    expect((await row("priv"))?.lastDeploy).toMatchObject({ ok: false });
    expect((await row("priv"))?.lastDeploy?.error).toMatch(/^web: /);
    const { db } = await import("@/lib/db");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "stack.deploy", target: "priv" },
    });
    expect(audit.outcome).toBe("DENIED");
    expect(audit.error).toContain("[policy: privileged]");
  });

  it("refuses /etc, and a symlink in the stack's folder that leads out of it", async () => {
    const id = await save("escape");
    script.links.set(`${WORKDIR}/escape/data`, "/etc");
    plan("escape", {
      direct: spec({ binds: [{ source: "/etc", target: "/e", readOnly: true }] }),
      linked: spec({
        binds: [{ source: `${WORKDIR}/escape/data`, target: "/d", readOnly: false }],
      }),
    });
    const res = await send(deployer, `/api/stacks/${id}/deploy`, "POST", {});
    expect(res.status).toBe(403);
    const { error } = (await res.json()) as ApiError;
    expect(error.violations?.map((v) => [v.rule, v.field])).toEqual([
      ["hostPath", "direct.binds.0.source"],
      ["hostPath", "linked.binds.0.source"],
    ]);
    expect(sent("compose.up", "escape")).toEqual([]);
  });

  it("refuses a plan whose folder is not the project's own", async () => {
    const id = await save("wide");
    plan(
      "wide",
      { web: spec({ binds: [{ source: "/srv", target: "/s", readOnly: true }] }) },
      {
        workingDir: "/",
      },
    );
    const res = await send(deployer, `/api/stacks/${id}/deploy`, "POST", {});
    expect(res.status).toBe(502);
    expect(sent("compose.up", "wide")).toEqual([]);
  });

  it("keeps a failed deploy's service and reason on the stack", async () => {
    const id = await save("fails");
    plan("fails", { db: spec() });
    script.up = {
      ok: false,
      error: { code: "ENGINE_ERROR", message: "db: the container exited with code 1" },
    };
    try {
      const res = await send(deployer, `/api/stacks/${id}/deploy`, "POST", {});
      expect(res.status).toBe(502);
    } finally {
      script.up = null;
    }
    expect((await row("fails"))?.lastDeploy).toMatchObject({
      ok: false,
      error: "db: the container exited with code 1",
    });
    const { db } = await import("@/lib/db");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "stack.deploy", target: "fails" },
    });
    expect(audit.outcome).toBe("FAILURE");
  });

  it("lists every refusal in the preview, networks too, without deploying", async () => {
    plan(
      "preview",
      { a: spec({ privileged: true }), b: spec({ capAdd: ["SYS_ADMIN"] }) },
      {
        networks: [
          {
            key: "lan",
            name: "preview_lan",
            external: false,
            spec: NetworkSpecSchema.parse({
              name: "preview_lan",
              driver: "macvlan",
              parent: "eth0",
            }),
          },
        ],
      },
    );
    const res = await send(deployer, "/api/stacks/plan", "POST", {
      hostId,
      name: "preview",
      files: [{ path: "compose.yaml", content: "services: {}\n" }],
      composeFiles: ["compose.yaml"],
    });
    expect(res.status).toBe(200);
    const preview = (await res.json()) as {
      refusals: Array<{ service: string; field: string; rule: string }>;
    };
    expect(preview.refusals.map((r) => [r.service, r.rule])).toEqual([
      ["a", "privileged"],
      ["b", "capabilities"],
      ["networks.lan", "lanNetwork"],
    ]);
    expect(sent("compose.up", "preview")).toEqual([]);
    const byViewer = await send(viewer, "/api/stacks/plan", "POST", {
      hostId,
      name: "preview",
      files: [{ path: "compose.yaml", content: "services: {}\n" }],
      composeFiles: ["compose.yaml"],
    });
    expect(byViewer.status).toBe(403);
  });

  it("answers a project that does not load with its first problem", async () => {
    const id = await save("unloadable");
    const res = await send(deployer, `/api/stacks/${id}/deploy`, "POST", {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error.message).toContain("compose.yaml:2:3: bad");
  });
});

describe("the list", () => {
  it("merges what runs on the host: saved stacks' state and projects no stack names", async () => {
    const container = (name: string, state: string) => ({
      id: name,
      name,
      service: "web",
      number: 1,
      state,
      status: state,
      health: null,
      image: "busybox:1",
      ports: [],
      configHash: null,
      oneoff: false,
      created: 0,
    });
    script.projects = [
      {
        name: "web",
        workingDir: `${WORKDIR}/web`,
        configFiles: [],
        services: [
          { name: "web", image: "busybox:1", containers: [container("web-web-1", "running")] },
        ],
        networks: [],
        volumes: [],
      },
      {
        name: "legacy",
        workingDir: "/srv/legacy",
        configFiles: ["/srv/legacy/compose.yaml\n# injected"],
        services: [
          {
            name: "web",
            image: "busybox:1",
            containers: [container("legacy-web-1", "running"), container("legacy-web-2", "exited")],
          },
        ],
        networks: [],
        volumes: [],
      },
    ];
    expect(await row("web")).toMatchObject({ state: "running", services: 1, source: "editor" });
    expect(await row("legacy")).toMatchObject({
      id: null,
      source: "discovered",
      state: "partial",
      containers: { running: 1, total: 2 },
    });
    expect(await row("priv")).toMatchObject({ state: "not deployed" });

    const adopted = await send(deployer, "/api/stacks/adopt", "POST", {
      hostId,
      project: "legacy",
    });
    expect(adopted.status).toBe(201);
    const { id } = (await adopted.json()) as { id: string };
    const detail = (await (await deployer.fetch(`/api/stacks/${id}`)).json()) as {
      files: Array<{ path: string; content: string }>;
    };
    const note = detail.files[0]!.content;
    expect(note).toContain("/srv/legacy/compose.yaml # injected");
    expect(note.split("\n").every((line) => line === "" || line.startsWith("#"))).toBe(true);
    expect(await row("legacy")).toMatchObject({ id, source: "editor", state: "partial" });
    const twice = await send(deployer, "/api/stacks/adopt", "POST", { hostId, project: "legacy" });
    expect(twice.status).toBe(409);
  });

  it("shows an offline host's stacks as unknown, and the stack page still opens", async () => {
    const webId = (await row("web"))!.id!;
    agent.close();
    await waitFor("host offline", async () => (await row("web"))?.state === "unknown", 10_000);
    expect(await row("legacy")).toMatchObject({ state: "unknown" });
    const res = await viewer.fetch(`/api/stacks/${webId}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { project: unknown }).project).toBeNull();
    const deploy = await send(deployer, `/api/stacks/${webId}/deploy`, "POST", {});
    expect(deploy.status).toBe(503);
    await connectAgent();
  });
});
