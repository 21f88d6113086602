import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UiEvents } from "@/lib/protocol";
import type { TestSession } from "../harness/session";
import { connected, createUserSession, startStack, waitFor, type Stack } from "../harness/stack";

/**
 * Saved compose stacks through HTTP against the real server: saving, reading by role (secrets in
 * .env kept from viewers), updating, removing, names and paths that would leave the stack's
 * folder, git secrets that never come back, and the audit rows. Deploying is in
 * stacks-deploy.test.ts.
 */
let stack: Stack;
let hostId: string;
let admin: TestSession;
let deployer: TestSession;
let viewer: TestSession;
let stranger: TestSession;

type ApiError = { error: { code: string; message: string; field?: string } };
type Detail = {
  row: { id: string; name: string; source: string; hostId: string };
  files: Array<{ path: string; content: string }>;
  withheldFiles: string[];
  composeFiles: string[];
  envFile: string | null;
  git: { url: string; auth: string; webhookPath: string | null } | null;
  canDeploy: boolean;
};

const COMPOSE = "services:\n  web:\n    image: berth-test/busybox:1\n    command: sleep 3600\n";

function send(session: TestSession, url: string, method: string, body?: unknown) {
  return session.fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
}

async function error(res: Response, status: number): Promise<ApiError["error"]> {
  const body = (await res.json()) as ApiError;
  expect(res.status, body.error?.message).toBe(status);
  return body.error;
}

async function create(session: TestSession, body: Record<string, unknown>): Promise<string> {
  const res = await send(session, "/api/stacks", "POST", { hostId, ...body });
  const created = (await res.json()) as { id: string } & Partial<ApiError>;
  expect(res.status, created.error?.message).toBe(201);
  return created.id;
}

async function detail(session: TestSession, id: string): Promise<Detail> {
  const res = await session.fetch(`/api/stacks/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Detail;
}

beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
  hostId = stack.hostIds[0]!;
  admin = stack.admin;
  deployer = (await createUserSession(stack, "dep@example.test", [{ hostId, role: "DEPLOYER" }]))
    .session;
  viewer = (await createUserSession(stack, "view@example.test", [{ hostId, role: "VIEWER" }]))
    .session;
  stranger = (await createUserSession(stack, "none@example.test", [])).session;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("saving stacks", () => {
  it("saves a stack, shows its compose files to viewers and its .env only to deployers", async () => {
    const id = await create(deployer, {
      name: "shop",
      files: [
        { path: "compose.yaml", content: COMPOSE },
        { path: ".env", content: "DB_PASSWORD=hunter2\n" },
        { path: "conf/app.ini", content: "[app]\n" },
      ],
      composeFiles: ["compose.yaml"],
    });
    const full = await detail(deployer, id);
    expect(full.row).toMatchObject({ id, name: "shop", source: "editor", hostId });
    expect(full.files.map((f) => f.path)).toEqual(["compose.yaml", ".env", "conf/app.ini"]);
    expect(full.withheldFiles).toEqual([]);
    expect(full.canDeploy).toBe(true);

    const res = await viewer.fetch(`/api/stacks/${id}`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain("hunter2");
    const seen = JSON.parse(text) as Detail;
    expect(seen.files).toEqual([{ path: "compose.yaml", content: COMPOSE }]);
    expect(seen.withheldFiles).toEqual([".env", "conf/app.ini"]);
    expect(seen.canDeploy).toBe(false);

    const listed = (await (await viewer.fetch("/api/stacks")).json()) as {
      stacks: Array<{ id: string | null; name: string; hostId: string }>;
    };
    expect(listed.stacks).toContainEqual(expect.objectContaining({ id, name: "shop", hostId }));
  });

  it("refuses a second stack of one name on a host, and viewers saving at all", async () => {
    const files = [{ path: "compose.yaml", content: COMPOSE }];
    await create(deployer, { name: "twice", files, composeFiles: ["compose.yaml"] });
    const again = await send(deployer, "/api/stacks", "POST", {
      hostId,
      name: "twice",
      files,
      composeFiles: ["compose.yaml"],
    });
    expect((await error(again, 409)).field).toBe("name");
    const byViewer = await send(viewer, "/api/stacks", "POST", {
      hostId,
      name: "viewers-own",
      files,
      composeFiles: ["compose.yaml"],
    });
    await error(byViewer, 403);
  });

  it("refuses project names and file paths that leave the stack's folder", async () => {
    const good = { path: "compose.yaml", content: COMPOSE };
    const attempts: Array<Record<string, unknown>> = [
      { name: "../x", files: [good], composeFiles: ["compose.yaml"] },
      { name: "a/b", files: [good], composeFiles: ["compose.yaml"] },
      { name: "Upper", files: [good], composeFiles: ["compose.yaml"] },
      { name: "p1", files: [good, { path: "../x", content: "" }], composeFiles: ["compose.yaml"] },
      {
        name: "p2",
        files: [good, { path: "/etc/passwd", content: "root::0:0::/:/bin/sh\n" }],
        composeFiles: ["compose.yaml"],
      },
      {
        name: "p3",
        files: [good, { path: "a/../../b", content: "" }],
        composeFiles: ["compose.yaml"],
      },
      { name: "p4", files: [good], composeFiles: ["../compose.yaml"] },
      { name: "p5", files: [good], composeFiles: ["missing.yaml"] },
      { name: "p6", files: [good], composeFiles: ["compose.yaml"], envFile: "/etc/shadow" },
      { name: "p7", files: [good, good], composeFiles: ["compose.yaml"] },
      {
        name: "p8",
        files: [good, { path: "conf", content: "" }, { path: "conf/x", content: "" }],
        composeFiles: ["compose.yaml"],
      },
    ];
    for (const attempt of attempts) {
      const res = await send(deployer, "/api/stacks", "POST", { hostId, ...attempt });
      await error(res, 400);
    }
    const { db } = await import("@/lib/db");
    expect(await db.stack.count({ where: { name: { in: ["p1", "p2", "p3", "p4"] } } })).toBe(0);
  });

  it("updates a stack's files, and only for deployers", async () => {
    const id = await create(deployer, {
      name: "edited",
      files: [{ path: "compose.yaml", content: COMPOSE }],
      composeFiles: ["compose.yaml"],
    });
    const changed = COMPOSE.replace("sleep 3600", "sleep 60");
    const put = await send(deployer, `/api/stacks/${id}`, "PUT", {
      files: [
        { path: "compose.yaml", content: changed },
        { path: "override.yaml", content: "services: {}\n" },
      ],
      composeFiles: ["compose.yaml", "override.yaml"],
      profiles: ["debug"],
    });
    expect(put.status).toBe(200);
    const saved = (await put.json()) as Detail;
    expect(saved.composeFiles).toEqual(["compose.yaml", "override.yaml"]);
    expect(saved.files[0]).toEqual({ path: "compose.yaml", content: changed });
    const byViewer = await send(viewer, `/api/stacks/${id}`, "PUT", {
      files: [{ path: "compose.yaml", content: "" }],
      composeFiles: ["compose.yaml"],
    });
    await error(byViewer, 403);
    const traversal = await send(deployer, `/api/stacks/${id}`, "PUT", {
      files: [{ path: "../../etc/cron.d/x", content: "" }],
      composeFiles: ["../../etc/cron.d/x"],
    });
    await error(traversal, 400);
    expect((await detail(deployer, id)).files[0]!.content).toBe(changed);
  });

  it("writes template fill-ins into the stack's .env", async () => {
    const id = await create(deployer, {
      name: "from-template",
      templateId: "nginx-static-site",
      files: [],
      composeFiles: ["compose.yaml"],
      variables: { HTTP_PORT: "18181" },
    });
    const saved = await detail(deployer, id);
    expect(saved.row.source).toBe("template");
    expect(saved.envFile).toBe(".env");
    expect(saved.files.find((f) => f.path === ".env")?.content).toMatch(/^HTTP_PORT='?18181'?$/m);
    expect(saved.files.map((f) => f.path)).toContain("index.html");
    const quote = await send(deployer, "/api/stacks", "POST", {
      hostId,
      name: "bad-variable",
      files: [{ path: "compose.yaml", content: COMPOSE }],
      composeFiles: ["compose.yaml"],
      variables: { NAME: "it's\nTWO=lines" },
    });
    await error(quote, 400);
  });

  it("refuses a git URL carrying credentials (tokens are kept sealed, never in the URL)", async () => {
    const token = "ghp_thisisaverysecrettokenvalue";
    const inUrl = await send(deployer, "/api/stacks", "POST", {
      hostId,
      name: "token-in-url",
      files: [{ path: "compose.yaml", content: COMPOSE }],
      composeFiles: ["compose.yaml"],
      git: { url: `https://x:${token}@git.example.test/team/app.git` },
    });
    await error(inUrl, 400);
    const { db } = await import("@/lib/db");
    const audit = await db.auditEvent.findMany({ where: { target: "token-in-url" } });
    expect(JSON.stringify(audit.map((r) => [r.params, r.error]))).not.toContain(token);
  });

  it("removes a stack; unknown stacks and other teams' stacks are not found", async () => {
    const id = await create(deployer, {
      name: "short-lived",
      files: [{ path: "compose.yaml", content: COMPOSE }],
      composeFiles: ["compose.yaml"],
    });
    await error(await stranger.fetch(`/api/stacks/${id}`), 404);
    await error(await send(stranger, `/api/stacks/${id}`, "DELETE"), 404);
    const strangerList = (await (await stranger.fetch("/api/stacks")).json()) as {
      stacks: unknown[];
    };
    expect(strangerList.stacks).toEqual([]);
    await error(await send(viewer, `/api/stacks/${id}`, "DELETE"), 403);
    expect((await send(deployer, `/api/stacks/${id}`, "DELETE")).status).toBe(200);
    await error(await deployer.fetch(`/api/stacks/${id}`), 404);
    await error(await admin.fetch("/api/stacks/no-such-stack"), 404);
    await error(await send(admin, "/api/stacks/no-such-stack/deploy", "POST", {}), 404);
    await error(await send(admin, `/api/stacks/${id}/explode`, "POST", {}), 404);
  });

  it("tells open stack lists when a stack is saved", async () => {
    const socket = await connected(viewer.uiSocket());
    const notices: string[] = [];
    socket.on(UiEvents.stacksChanged, ({ hostId: id }) => notices.push(id));
    try {
      await create(deployer, {
        name: "noticed",
        files: [{ path: "compose.yaml", content: COMPOSE }],
        composeFiles: ["compose.yaml"],
      });
      await waitFor("stacks.changed", () => notices.includes(hostId), 10_000);
    } finally {
      socket.close();
    }
  });

  it("audits every change with who, where and what, refusals too", async () => {
    const { db } = await import("@/lib/db");
    const rows = await db.auditEvent.findMany({
      where: { action: { startsWith: "stack." } },
      orderBy: { id: "asc" },
    });
    const seen = rows.map((r) => `${r.action} ${r.target} ${r.outcome}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        "stack.create shop SUCCESS",
        "stack.create twice FAILURE",
        "stack.create viewers-own DENIED",
        "stack.update edited SUCCESS",
        "stack.update edited DENIED",
        "stack.remove short-lived DENIED",
        "stack.remove short-lived SUCCESS",
      ]),
    );
    const created = rows.find((r) => r.action === "stack.create" && r.target === "shop");
    expect(created).toMatchObject({ hostId, actorLabel: "dep@example.test" });
    expect(created?.params).toMatchObject({
      source: "editor",
      files: ["compose.yaml", ".env", "conf/app.ini"],
    });
    expect(JSON.stringify(created?.params)).not.toContain("hunter2");
  });
});
