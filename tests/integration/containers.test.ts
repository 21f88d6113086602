import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentProcess } from "../harness/agent";
import { httpGet } from "../harness/http-get";
import { BUSYBOX_IMAGE, type SimHost, type SimHosts } from "../harness/hosts";
import type { TestSession } from "../harness/session";
import { createUserSession, startStack, waitFor, type Stack } from "../harness/stack";

/**
 * Containers through the whole product: HTTP API → server → agent → real engines on two
 * simulated hosts, with roles enforced on the server and every action audited.
 */
let stack: Stack;
let sim: SimHosts;
let stateDir: string;
let admin: TestSession;
let viewer: TestSession;
let deployer: TestSession;
let agents: AgentProcess[];
const hostIds: string[] = [];

type Row = {
  id: string;
  name: string;
  hostId: string;
  state: string;
  ports: Array<{ publicPort?: number }>;
};
type ApiError = { error: { code: string; message: string; field?: string } };

async function db() {
  return (await import("@/lib/db")).db;
}

async function list(session: TestSession, query = ""): Promise<{ total: number; items: Row[] }> {
  const res = await session.fetch(`/api/containers?limit=500${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { total: number; items: Row[] };
}

async function post(session: TestSession, url: string, body: unknown = {}) {
  return session.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function run(session: TestSession, hostIndex: number, spec: Record<string, unknown>) {
  return post(session, `/api/hosts/${hostIds[hostIndex]}/containers`, {
    spec: { image: BUSYBOX_IMAGE, ...spec },
  });
}

type Inspect = {
  State: { Running: boolean; Status: string };
  Config: { Env: string[]; Hostname: string };
  HostConfig: { RestartPolicy: unknown; Memory: number; ReadonlyRootfs: boolean };
};

async function inspect(host: SimHost, name: string): Promise<Inspect> {
  const out = await host.docker(["inspect", name]);
  return (JSON.parse(out.stdout) as Inspect[])[0]!;
}

async function userSession(
  email: string,
  role: "VIEWER" | "DEPLOYER",
  hostIndex: number,
): Promise<TestSession> {
  return (await createUserSession(stack, email, [{ hostId: hostIds[hostIndex]!, role }])).session;
}

beforeAll(async () => {
  stack = await startStack({ hosts: 2 });
  ({ sim, admin, stateDir, agents } = stack);
  hostIds.push(...stack.hostIds);
  viewer = await userSession("viewer@example.test", "VIEWER", 0);
  deployer = await userSession("deployer@example.test", "DEPLOYER", 0);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("containers", () => {
  it("lists a container started from a terminal on the host within a second", async () => {
    const host = sim.hosts[1]!;
    await host.docker([
      "run",
      "-d",
      "--name",
      "from-cli",
      "--label",
      "team=ops",
      BUSYBOX_IMAGE,
      "sleep",
      "600",
    ]);
    const started = Date.now();
    const row = await waitFor("from-cli listed", async () =>
      (await list(admin, "&q=from-cli")).items.find(
        (r) => r.name === "from-cli" && r.state === "running",
      ),
    );
    expect(Date.now() - started).toBeLessThan(1500);
    expect(row.hostId).toBe(hostIds[1]);
    expect((await list(admin, "&label=team%3Dops")).items.map((r) => r.name)).toEqual(["from-cli"]);
    expect((await list(admin, `&host=${hostIds[0]}&q=from-cli`)).total).toBe(0);
    await host.docker(["rm", "-f", "from-cli"]);
    await waitFor("from-cli gone", async () => (await list(admin, "&q=from-cli")).total === 0);
  });

  it("runs a container with a published port that answers, with the options applied", async () => {
    const res = await run(admin, 0, {
      name: "web",
      command: ["httpd", "-f", "-p", "80", "-h", "/etc"],
      ports: [{ hostPort: 18080, containerPort: 80 }],
      env: [{ key: "GREETING", value: "hello" }],
      labels: { app: "web" },
      restartPolicy: { name: "on-failure", maxRetries: 3 },
      memoryBytes: 64 * 1024 * 1024,
      readOnlyRootfs: true,
    });
    expect(res.status).toBe(201);
    const host = sim.hosts[0]!;
    const info = await inspect(host, "web");
    expect(info.State.Running).toBe(true);
    expect(info.Config.Env).toContain("GREETING=hello");
    expect(info.HostConfig.RestartPolicy).toEqual({ Name: "on-failure", MaximumRetryCount: 3 });
    expect(info.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(info.HostConfig.ReadonlyRootfs).toBe(true);
    // busybox httpd serves the container's /etc: its hostname file names the container.
    expect((await httpGet(`http://${host.ip}:18080/hostname`)).trim()).toBe(info.Config.Hostname);
  });

  it("says which field the engine refused and leaves nothing half-created", async () => {
    const taken = await run(admin, 0, {
      name: "web2",
      command: ["sleep", "60"],
      ports: [{ hostPort: 18080, containerPort: 80 }],
    });
    expect(taken.status).toBe(502);
    const body = (await taken.json()) as ApiError;
    expect(body.error.field).toBe("ports");
    expect(body.error.message).toMatch(/port is already allocated|address already in use/);
    const leftovers = await sim.hosts[0]!.docker([
      "ps",
      "-a",
      "--filter",
      "name=web2",
      "--format",
      "{{.Names}}",
    ]);
    expect(leftovers.stdout.trim()).toBe("");

    const clash = await run(admin, 0, { name: "web", command: ["sleep", "60"] });
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as ApiError).error.field).toBe("name");

    // A registry on the host's own loopback, where nothing listens: the pull fails at once.
    const missing = await run(admin, 0, {
      image: "127.0.0.1:9/berth-test/missing:1",
      name: "ghost",
    });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ApiError).error.field).toBe("image");

    const invalid = await run(admin, 0, { name: "bad name!" });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as ApiError).error.field).toBe("name");
  });

  it("stops, starts, pauses, kills, renames and removes through the agent", async () => {
    const base = `/api/hosts/${hostIds[0]}/containers`;
    expect((await run(admin, 0, { name: "life", command: ["sleep", "600"] })).status).toBe(201);
    const host = sim.hosts[0]!;
    expect((await post(admin, `${base}/life/stop`, { timeoutSeconds: 1 })).status).toBe(200);
    expect((await inspect(host, "life")).State.Status).toBe("exited");
    expect((await post(admin, `${base}/life/start`)).status).toBe(200);
    expect((await post(admin, `${base}/life/pause`)).status).toBe(200);
    expect((await inspect(host, "life")).State.Status).toBe("paused");
    expect((await post(admin, `${base}/life/unpause`)).status).toBe(200);
    expect((await post(admin, `${base}/life/kill`, { signal: "SIGKILL" })).status).toBe(200);
    expect((await inspect(host, "life")).State.Running).toBe(false);
    expect((await post(admin, `${base}/life/rename`, { name: "life2" })).status).toBe(200);
    await waitFor("renamed in the list", async () => (await list(admin, "&q=life2")).total === 1);
    expect((await post(admin, `${base}/life2/remove`, { force: true })).status).toBe(200);
    await waitFor("removed from the list", async () => (await list(admin, "&q=life")).total === 0);
  });

  it("shows processes and filesystem changes, and exports the filesystem as a tar stream", async () => {
    const base = `/api/hosts/${hostIds[0]}/containers/web`;
    const top = (await (await admin.fetch(`${base}/top`)).json()) as { processes: string[][] };
    expect(top.processes.flat().join(" ")).toContain("httpd");
    const exported = await admin.fetch(`${base}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="web.tar"');
    const tarFile = path.join(stateDir, "web.tar");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(tarFile, Buffer.from(await exported.arrayBuffer()));
    const listing = spawnSync("tar", ["-tf", tarFile], { encoding: "utf8" });
    expect(listing.stdout.split("\n")).toContain("bin/busybox");
  });

  it("masks secret environment values until an operator reveals them", async () => {
    expect(
      (
        await run(admin, 0, {
          name: "secrets",
          command: ["sleep", "600"],
          env: [
            { key: "DB_PASSWORD", value: "hunter2" },
            { key: "MODE", value: "prod" },
          ],
        })
      ).status,
    ).toBe(201);
    const res = await admin.fetch(`/api/hosts/${hostIds[0]}/containers/secrets`);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(text).toContain("MODE=prod");
    const revealed = (await (
      await admin.fetch(`/api/hosts/${hostIds[0]}/containers/secrets/env`)
    ).json()) as {
      env: Array<{ name: string; value: string }>;
    };
    expect(revealed.env.find((e) => e.name === "DB_PASSWORD")?.value).toBe("hunter2");
    expect((await viewer.fetch(`/api/hosts/${hostIds[0]}/containers/secrets/env`)).status).toBe(
      403,
    );
  });

  it("enforces roles on the server: viewers read, deployers create but not privileged", async () => {
    const seen = await list(viewer);
    expect(seen.items.every((r) => r.hostId === hostIds[0])).toBe(true);
    expect(seen.items.map((r) => r.name)).toContain("web");

    expect((await post(viewer, `/api/hosts/${hostIds[0]}/containers/web/stop`)).status).toBe(403);
    expect((await run(viewer, 0, { name: "nope" })).status).toBe(403);
    expect((await viewer.fetch(`/api/hosts/${hostIds[1]}/containers/from-cli`)).status).toBe(404);
    expect((await post(viewer, `/api/hosts/${hostIds[1]}/containers/x/start`)).status).toBe(404);

    expect((await run(deployer, 0, { name: "dep", command: ["sleep", "60"] })).status).toBe(201);
    const privileged = await run(deployer, 0, { name: "priv", privileged: true });
    expect(privileged.status).toBe(403);
    expect(((await privileged.json()) as ApiError).error.field).toBe("privileged");
    const sensitive = await run(deployer, 0, {
      name: "sock",
      binds: [{ source: "/var/run/docker.sock", target: "/sock" }],
    });
    expect(sensitive.status).toBe(403);

    const rows = await (
      await db()
    ).auditEvent.findMany({ where: { action: { startsWith: "container." } } });
    expect(rows.some((r) => r.action === "container.stop" && r.outcome === "DENIED")).toBe(true);
    expect(
      rows.some(
        (r) =>
          r.action === "container.create" &&
          r.outcome === "SUCCESS" &&
          r.actorLabel === "deployer@example.test",
      ),
    ).toBe(true);
    const created = rows.find((r) => r.target === "secrets");
    expect(JSON.stringify(created?.params)).not.toContain("hunter2");
  });

  it("runs bulk actions and reports each result", async () => {
    const res = await post(admin, "/api/containers/bulk", {
      action: "stop",
      targets: [
        { hostId: hostIds[0], id: "secrets" },
        { hostId: hostIds[0], id: "does-not-exist" },
      ],
    });
    const { results } = (await res.json()) as {
      results: Array<{ id: string; ok: boolean; error?: string }>;
    };
    expect(results[0]).toMatchObject({ id: "secrets", ok: true });
    expect(results[1]).toMatchObject({ id: "does-not-exist", ok: false });
    expect(results[1]!.error).toMatch(/No such container/i);
  });

  it("says the host is offline when its agent is gone", async () => {
    await agents[1]!.kill();
    await waitFor("host 2 offline", async () => {
      const res = await admin.fetch(`/api/hosts/${hostIds[1]}`);
      return !((await res.json()) as { host: { online: boolean } }).host.online;
    });
    const res = await post(admin, `/api/hosts/${hostIds[1]}/containers/from-cli/start`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as ApiError).error.message).toBe("The host is offline.");
  });
});
