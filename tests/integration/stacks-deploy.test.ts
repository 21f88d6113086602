import type { StackRow } from "@/lib/services/stacks/stack-row";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UiEvents, type ComposeStep } from "@/lib/protocol";
import { BUSYBOX_IMAGE, type SimHost } from "../harness/hosts";
import { httpGetWhenServed } from "../harness/http-get";
import type { TestSession } from "../harness/session";
import { connected, createUserSession, startStack, waitFor, type Stack } from "../harness/stack";

/**
 * Deploying stacks through the whole product (HTTP → server → policy → agent → a real engine on
 * a simulated host): the three-service shape (database with a named volume and a healthcheck,
 * backend gated on it, frontend built from the stack's files and published), live steps, only
 * the changed service recreated, start/stop/down, the policy refusing a deployer's privileged
 * service and bind of /etc before the engine sees anything, the preview's refusals, and adopting
 * a project started on the host by labels alone.
 */
let stack: Stack;
let host: SimHost;
let hostId: string;
let deployer: TestSession;
let viewer: TestSession;

type ApiError = {
  error: {
    code: string;
    message: string;
    field?: string;
    violations?: Array<{ rule: string; field: string; message: string }>;
  };
};
type Row = StackRow;
type Detail = { row: Row; files: Array<{ path: string; content: string }> };

const SHOP = `services:
  db:
    image: ${BUSYBOX_IMAGE}
    command: ["sh", "-c", "echo ready > /data/ready; exec sleep 3600"]
    volumes:
      - dbdata:/data
    healthcheck:
      test: ["CMD", "test", "-f", "/data/ready"]
      interval: 1s
      retries: 30
  backend:
    image: ${BUSYBOX_IMAGE}
    command: ["sleep", "3600"]
    environment:
      GREETING: \${GREETING:-hello}
    depends_on:
      db:
        condition: service_healthy
  frontend:
    build: ./frontend
    image: shop-frontend:1
    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
    ports:
      - "18480:8080"
    depends_on:
      - backend
volumes:
  dbdata:
`;
const shopFiles = (greeting: string) => [
  { path: "compose.yaml", content: SHOP },
  { path: ".env", content: `GREETING=${greeting}\n` },
  {
    path: "frontend/Dockerfile",
    content: `FROM ${BUSYBOX_IMAGE}\nCOPY index.html /www/index.html\n`,
  },
  { path: "frontend/index.html", content: "shop front\n" },
];

function send(session: TestSession, url: string, method: string, body?: unknown) {
  return session.fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
}

async function ok<T>(res: Response, status = 200): Promise<T> {
  const body = (await res.json()) as T & Partial<ApiError>;
  expect(res.status, body.error?.message).toBe(status);
  return body;
}

async function save(name: string, files: Array<{ path: string; content: string }>) {
  const created = await ok<{ id: string }>(
    await send(deployer, "/api/stacks", "POST", {
      hostId,
      name,
      files,
      composeFiles: ["compose.yaml"],
    }),
    201,
  );
  return created.id;
}

async function row(session: TestSession, name: string): Promise<Row | undefined> {
  const { stacks } = await ok<{ stacks: Row[] }>(await session.fetch("/api/stacks"));
  return stacks.find((s) => s.name === name);
}

/** The project's containers on the host: name → id. */
async function containersOf(project: string): Promise<Record<string, string>> {
  const out = await host.docker([
    "ps",
    "-a",
    "--filter",
    `label=com.docker.compose.project=${project}`,
    "--format",
    "{{.Names}} {{.ID}}",
  ]);
  return Object.fromEntries(
    out.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ") as [string, string]),
  );
}

const oneService = (extra: string) =>
  `services:\n  app:\n    image: ${BUSYBOX_IMAGE}\n    command: ["sleep", "3600"]\n${extra}`;

beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
  host = stack.hosts[0]!;
  hostId = stack.hostIds[0]!;
  deployer = (await createUserSession(stack, "dep@example.test", [{ hostId, role: "DEPLOYER" }]))
    .session;
  viewer = (await createUserSession(stack, "view@example.test", [{ hostId, role: "VIEWER" }]))
    .session;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("deploying a stack", () => {
  let shopId: string;

  it("deploys the three services in order with live steps, and the frontend answers", async () => {
    shopId = await save("shop", shopFiles("hi"));
    const socket = await connected(deployer.uiSocket());
    const live: ComposeStep[] = [];
    const notices: string[] = [];
    socket.on(UiEvents.commandProgress, ({ callId, progress }) => {
      if (callId === "deploy-shop-1" && progress.step) live.push(progress.step);
    });
    socket.on(UiEvents.stacksChanged, ({ hostId: id }) => notices.push(id));
    try {
      const { steps } = await ok<{ steps: ComposeStep[] }>(
        await send(deployer, `/api/stacks/${shopId}/deploy`, "POST", { callId: "deploy-shop-1" }),
      );
      expect(steps.filter((s) => s.state === "failed")).toEqual([]);
      const started = steps.filter((s) => s.kind === "container").map((s) => s.service);
      for (const service of ["db", "backend", "frontend"]) expect(started).toContain(service);
      // db is healthy before backend starts, backend before frontend
      expect(started.indexOf("db")).toBeLessThan(started.indexOf("backend"));
      expect(started.indexOf("backend")).toBeLessThan(started.indexOf("frontend"));
      expect(live.length).toBeGreaterThan(0);
      await waitFor("stacks.changed", () => notices.includes(hostId), 10_000);
    } finally {
      socket.close();
    }
    expect(Object.keys(await containersOf("shop")).sort()).toEqual([
      "shop-backend-1",
      "shop-db-1",
      "shop-frontend-1",
    ]);
    expect(await httpGetWhenServed(`http://${host.ip}:18480/index.html`)).toBe("shop front\n");
    const env = await host.docker([
      "inspect",
      "--format",
      "{{range .Config.Env}}{{println .}}{{end}}",
      "shop-backend-1",
    ]);
    expect(env.stdout).toContain("GREETING=hi");
    const volumes = await host.docker(["volume", "ls", "--format", "{{.Name}}"]);
    expect(volumes.stdout.split("\n")).toContain("shop_dbdata");
    const shown = await row(viewer, "shop");
    expect(shown).toMatchObject({
      id: shopId,
      state: "running",
      services: 3,
      containers: { running: 3, total: 3 },
      lastDeploy: { ok: true, error: null, by: "dep@example.test" },
    });
    const { db } = await import("@/lib/db");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "stack.deploy", target: "shop", outcome: "SUCCESS" },
    });
    expect((audit.params as { created: string[] }).created.sort()).toEqual([
      "backend",
      "db",
      "frontend",
    ]);
  });

  it("recreates only the service whose configuration changed", async () => {
    const before = await containersOf("shop");
    await ok(
      await send(deployer, `/api/stacks/${shopId}`, "PUT", {
        files: shopFiles("bye"),
        composeFiles: ["compose.yaml"],
      }),
    );
    await ok(await send(deployer, `/api/stacks/${shopId}/deploy`, "POST", {}));
    const after = await containersOf("shop");
    expect(after["shop-db-1"]).toBe(before["shop-db-1"]);
    expect(after["shop-frontend-1"]).toBe(before["shop-frontend-1"]);
    expect(after["shop-backend-1"]).not.toBe(before["shop-backend-1"]);
    const { db } = await import("@/lib/db");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "stack.deploy", target: "shop", outcome: "SUCCESS" },
      orderBy: { id: "desc" },
    });
    expect(audit.params).toMatchObject({ recreated: ["backend"], created: [] });
  });

  it("stops and starts the stack, and takes it down with its volumes", async () => {
    await ok(await send(deployer, `/api/stacks/${shopId}/stop`, "POST", {}));
    expect((await row(viewer, "shop"))?.state).toBe("stopped");
    await ok(await send(deployer, `/api/stacks/${shopId}/start`, "POST", {}));
    expect((await row(viewer, "shop"))?.state).toBe("running");
    const refused = await send(viewer, `/api/stacks/${shopId}/down`, "POST", {});
    expect(refused.status).toBe(403);
    await ok(await send(deployer, `/api/stacks/${shopId}/down`, "POST", { removeVolumes: true }));
    expect(await containersOf("shop")).toEqual({});
    const volumes = await host.docker(["volume", "ls", "--format", "{{.Name}}"]);
    expect(volumes.stdout.split("\n")).not.toContain("shop_dbdata");
    expect((await row(viewer, "shop"))?.state).toBe("not deployed");
    const { db } = await import("@/lib/db");
    const actions = (
      await db.auditEvent.findMany({ where: { target: "shop" }, orderBy: { id: "asc" } })
    ).map((r) => `${r.action} ${r.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        "stack.stop SUCCESS",
        "stack.start SUCCESS",
        "stack.down DENIED",
        "stack.down SUCCESS",
      ]),
    );
  });
});

describe("the host security policy on stacks", () => {
  it("refuses a deployer's privileged service before the engine sees anything", async () => {
    const id = await save("escape-priv", [
      { path: "compose.yaml", content: oneService("    privileged: true\n") },
    ]);
    const res = await send(deployer, `/api/stacks/${id}/deploy`, "POST", {});
    const body = (await res.json()) as ApiError;
    expect(res.status).toBe(403);
    expect(body.error.violations).toEqual([
      expect.objectContaining({ rule: "privileged", field: "app.privileged" }),
    ]);
    expect(body.error.message).toMatch(/^app: /);
    expect(await containersOf("escape-priv")).toEqual({});
    expect((await row(deployer, "escape-priv"))?.lastDeploy).toMatchObject({ ok: false });
    const { db } = await import("@/lib/db");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "stack.deploy", target: "escape-priv" },
    });
    expect(audit.outcome).toBe("DENIED");
    expect(audit.error).toContain("[policy: privileged]");
  });

  it("refuses a deployer's bind of /etc but allows binds of the stack's own files", async () => {
    const etc = await save("escape-etc", [
      { path: "compose.yaml", content: oneService("    volumes:\n      - /etc:/host-etc:ro\n") },
    ]);
    const res = await send(deployer, `/api/stacks/${etc}/deploy`, "POST", {});
    expect(res.status).toBe(403);
    const body = (await res.json()) as ApiError;
    expect(body.error.violations?.[0]).toMatchObject({ rule: "hostPath" });
    expect(await containersOf("escape-etc")).toEqual({});

    const own = await save("own-files", [
      { path: "compose.yaml", content: oneService("    volumes:\n      - ./conf:/conf:ro\n") },
      { path: "conf/app.ini", content: "[app]\nname=own\n" },
    ]);
    await ok(await send(deployer, `/api/stacks/${own}/deploy`, "POST", {}));
    const read = await host.docker(["exec", "own-files-app-1", "cat", "/conf/app.ini"]);
    expect(read.stdout).toBe("[app]\nname=own\n");
  });

  it("lists every refusal in the preview and changes nothing", async () => {
    const res = await send(deployer, "/api/stacks/plan", "POST", {
      hostId,
      name: "preview",
      files: [
        {
          path: "compose.yaml",
          content: `services:\n  a:\n    image: ${BUSYBOX_IMAGE}\n    privileged: true\n  b:\n    image: ${BUSYBOX_IMAGE}\n    volumes:\n      - /etc:/e\n`,
        },
      ],
      composeFiles: ["compose.yaml"],
    });
    const preview = await ok<{
      problems: unknown[];
      refusals: Array<{ service: string; field: string; rule: string }>;
    }>(res);
    expect(preview.problems).toEqual([]);
    expect(preview.refusals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ service: "a", field: "privileged", rule: "privileged" }),
        expect.objectContaining({ service: "b", rule: "hostPath" }),
      ]),
    );
    expect(await containersOf("preview")).toEqual({});
  });

  it("shows a compose error at its line and refuses to deploy it", async () => {
    const broken = "services:\n  app:\n    image: [unclosed\n";
    const preview = await ok<{ problems: Array<{ file: string; line: number }> }>(
      await send(deployer, "/api/stacks/plan", "POST", {
        hostId,
        name: "broken",
        files: [{ path: "compose.yaml", content: broken }],
        composeFiles: ["compose.yaml"],
      }),
    );
    expect(preview.problems[0]).toMatchObject({ file: "compose.yaml" });
    const id = await save("broken", [{ path: "compose.yaml", content: broken }]);
    const res = await send(deployer, `/api/stacks/${id}/deploy`, "POST", {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error.message).toContain("compose.yaml:");
    expect((await row(deployer, "broken"))?.lastDeploy).toMatchObject({ ok: false });
  });
});

describe("projects started on the host", () => {
  it("lists a project started by labels alone and adopts it", async () => {
    await host.docker([
      "run",
      "-d",
      "--name",
      "legacy-web-1",
      "--label",
      "com.docker.compose.project=legacy",
      "--label",
      "com.docker.compose.service=web",
      "--label",
      "com.docker.compose.container-number=1",
      "--label",
      "com.docker.compose.oneoff=False",
      "--label",
      `com.docker.compose.config-hash=${"a".repeat(64)}`,
      "--label",
      "com.docker.compose.project.config_files=/srv/legacy/compose.yaml",
      "--label",
      "com.docker.compose.project.working_dir=/srv/legacy",
      BUSYBOX_IMAGE,
      "sleep",
      "3600",
    ]);
    const found = await waitFor("legacy listed", () => row(viewer, "legacy"));
    expect(found).toMatchObject({ id: null, source: "discovered", state: "running" });
    const refused = await send(viewer, "/api/stacks/adopt", "POST", { hostId, project: "legacy" });
    expect(refused.status).toBe(403);
    const { id } = await ok<{ id: string }>(
      await send(deployer, "/api/stacks/adopt", "POST", { hostId, project: "legacy" }),
      201,
    );
    const adopted = await ok<Detail>(await deployer.fetch(`/api/stacks/${id}`));
    expect(adopted.row).toMatchObject({ id, state: "running", source: "editor" });
    expect(adopted.files[0]!.content).toContain("/srv/legacy/compose.yaml");
    expect((await row(viewer, "legacy"))?.id).toBe(id);
    const missing = await send(deployer, "/api/stacks/adopt", "POST", {
      hostId,
      project: "nothing-here",
    });
    expect(missing.status).toBe(404);
    // removing it with down takes the project's containers away
    await ok(await send(deployer, `/api/stacks/${id}?down=1&volumes=1`, "DELETE"));
    expect(await containersOf("legacy")).toEqual({});
    const { db } = await import("@/lib/db");
    expect(
      (await db.auditEvent.findMany({ where: { target: "legacy" }, orderBy: { id: "asc" } })).map(
        (r) => `${r.action} ${r.outcome}`,
      ),
    ).toEqual(["stack.adopt DENIED", "stack.adopt SUCCESS", "stack.remove SUCCESS"]);
  });
});
