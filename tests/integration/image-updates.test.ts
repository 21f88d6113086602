import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContainerUpdateResult, ImageUpdateView } from "@/lib/protocol";
import { UiEvents } from "@/lib/protocol";
import { BUSYBOX_IMAGE, type SimHost } from "../harness/hosts";
import { startRegistry, type TestRegistry } from "../harness/registry";
import type { TestSession } from "../harness/session";
import { createUserSession, startStack, waitFor, type Stack } from "../harness/stack";

/**
 * Image updates through the whole product against a real private registry (basic auth) on the
 * harness bridge: a builder host pushes new versions of one tag, the runner host's container is
 * checked, updated, rolled back when the new version fails, and updated on a schedule.
 */
let stack: Stack;
let registry: TestRegistry | null = null;
let admin: TestSession;
let runner: SimHost;
let builder: SimHost;
let runnerId: string;
let image: string;
let buildDir: string;
const USER = "pusher";
const PASSWORD = "registry secret 7";
const ids: Record<string, string> = {};

type ApiError = { error: { code: string; message: string; field?: string } };
type Progress = { phase: string; status: string };

async function db() {
  return (await import("@/lib/db")).db;
}

async function post(session: TestSession, url: string, body: unknown = {}) {
  return session.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Builds a version of the tag on the builder host and pushes it; its image id. */
async function pushVersion(version: string, dockerfileTail: string): Promise<string> {
  const dir = path.join(buildDir, version);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, "Dockerfile"),
    `FROM ${BUSYBOX_IMAGE}\nLABEL org.example.version=${version}\n${dockerfileTail}\n`,
  );
  await builder.docker(["build", "-q", "-t", image, dir], { timeoutMs: 120_000 });
  await builder.docker(["push", image], { timeoutMs: 120_000 });
  const id = (await builder.docker(["image", "inspect", "-f", "{{.Id}}", image])).stdout.trim();
  ids[version] = id;
  return id;
}

const SLEEPS = `CMD ["sleep", "3600"]`;

async function containerImage(name: string): Promise<string> {
  return (await runner.docker(["inspect", "-f", "{{.Image}}", name])).stdout.trim();
}

async function tagImage(): Promise<string> {
  return (await runner.docker(["image", "inspect", "-f", "{{.Id}}", image])).stdout.trim();
}

async function check(session = admin): Promise<ImageUpdateView | undefined> {
  const res = await post(session, "/api/image-updates/check", { hostId: runnerId });
  expect(res.status, await res.clone().text()).toBe(200);
  const { checks } = (await res.json()) as { checks: ImageUpdateView[] };
  return checks.find((c) => c.imageRef === image);
}

/** Updates a container with a callId and collects the progress relayed to the browser. */
async function update(
  name: string,
  body: Record<string, unknown> = {},
  session = admin,
): Promise<{ status: number; result: ContainerUpdateResult & ApiError; progress: Progress[] }> {
  const socket = session.uiSocket();
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  const callId = randomUUID();
  const progress: Progress[] = [];
  socket.on(UiEvents.commandProgress, (m) => {
    if (m.callId === callId) progress.push(m.progress);
  });
  try {
    const res = await post(session, `/api/hosts/${runnerId}/containers/${name}/update`, {
      ...body,
      callId,
    });
    await new Promise((r) => setTimeout(r, 200));
    return {
      status: res.status,
      result: (await res.json()) as ContainerUpdateResult & ApiError,
      progress,
    };
  } finally {
    socket.disconnect();
  }
}

beforeAll(async () => {
  stack = await startStack({
    hosts: 2,
    hostOptions: { insecureRegistries: ["10.99.0.0/16"] },
    // every check asks the registry: versions are pushed seconds apart here
    env: { BERTH_IMAGE_CHECK_CACHE_S: "0" },
  });
  admin = stack.admin;
  [runner, builder] = [stack.hosts[0]!, stack.hosts[1]!];
  runnerId = stack.hostIds[0]!;
  registry = await startRegistry(stack.sim.gatewayIp, USER, PASSWORD);
  image = `${registry.host}/team/web:stable`;
  buildDir = await mkdtemp(path.join(os.tmpdir(), "berth-image-updates-"));
  await builder.docker(["login", "-u", USER, "--password-stdin", registry.host], {
    input: PASSWORD,
  });
  const saved = await post(admin, "/api/registries", {
    name: "private",
    kind: "V2_BASIC",
    url: `http://${registry.host}`,
    username: USER,
    password: PASSWORD,
  });
  expect(saved.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await registry?.stop();
  await stack?.stop();
  if (buildDir) await rm(buildDir, { recursive: true, force: true });
});

describe("image updates", () => {
  it("marks a container whose tag has a newer image in the registry", async () => {
    await pushVersion("v1", SLEEPS);
    const pulled = await post(admin, `/api/hosts/${runnerId}/images/pull`, { image });
    expect(pulled.status, await pulled.clone().text()).toBe(200);
    const created = await post(admin, `/api/hosts/${runnerId}/containers`, {
      spec: {
        image,
        name: "web",
        env: [{ key: "GREETING", value: "hello" }],
        labels: { tier: "front" },
        restartPolicy: { name: "unless-stopped" },
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const twin = await post(admin, `/api/hosts/${runnerId}/containers`, {
      spec: { image, name: "web-twin" },
    });
    expect(twin.status, await twin.clone().text()).toBe(201);
    expect((await check())?.status).toBe("up_to_date");

    await pushVersion("v2", SLEEPS);
    // the browser hears that the checks changed
    const socket = admin.uiSocket();
    const heard = new Promise<string>((resolve) =>
      socket.on(UiEvents.imageUpdatesChanged, (m) => resolve(m.hostId)),
    );
    await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
    try {
      const found = await check();
      expect(found).toMatchObject({ status: "update_available", error: null });
      expect(found!.remoteDigest).not.toBe(found!.localDigest);
      expect(found!.containers.map((c) => c.name).sort()).toEqual(["web", "web-twin"]);
      expect(await heard).toBe(runnerId);
    } finally {
      socket.disconnect();
    }
    const listed = (await (await admin.fetch(`/api/image-updates?hostId=${runnerId}`)).json()) as {
      checks: ImageUpdateView[];
    };
    expect(listed.checks.find((c) => c.imageRef === image)?.status).toBe("update_available");
    const audit = await (
      await db()
    ).auditEvent.findFirst({
      where: { action: "image.update-check", hostId: runnerId },
    });
    expect(audit?.outcome).toBe("SUCCESS");
  });

  it("updates the container to the new image with the same name and configuration", async () => {
    const before = await runner.docker(["inspect", "web"]);
    const { status, result, progress } = await update("web");
    expect(status, JSON.stringify(result)).toBe(200);
    expect(result.outcome).toBe("updated");
    expect(result.previousImageId).toBe(ids.v1);
    expect(result.imageId).toBe(ids.v2);
    expect(progress.map((p) => p.status)).toEqual(
      expect.arrayContaining([`pulling ${image}`, "recreating web", "updated"]),
    );
    expect(await containerImage("web")).toBe(ids.v2);
    const [old] = JSON.parse(before.stdout) as Array<{ Id: string }>;
    const [now] = JSON.parse((await runner.docker(["inspect", "web"])).stdout) as Array<{
      Id: string;
      State: { Running: boolean };
      Config: { Env: string[]; Labels: Record<string, string> };
      HostConfig: { RestartPolicy: { Name: string } };
    }>;
    expect(now!.Id).not.toBe(old!.Id);
    expect(now!.State.Running).toBe(true);
    expect(now!.Config.Env).toContain("GREETING=hello");
    expect(now!.Config.Labels.tier).toBe("front");
    expect(now!.Config.Labels["org.example.version"]).toBe("v2");
    expect(now!.HostConfig.RestartPolicy.Name).toBe("unless-stopped");

    // the twin still runs v1: only it is marked now (once the live list shows the swap)
    const half = await waitFor("only the twin marked", async () => {
      const found = await check();
      return found?.containers.length === 1 ? found : null;
    });
    expect(half.status).toBe("update_available");
    expect(half.containers.map((c) => c.name)).toEqual(["web-twin"]);
    expect((await update("web-twin")).result.outcome).toBe("updated");
    await waitFor("up to date", async () => (await check())?.status === "up_to_date");
    await runner.docker(["rm", "-f", "web-twin"]);
    const again = await update("web");
    expect(again.result.outcome).toBe("up_to_date");

    const rows = await (
      await db()
    ).auditEvent.findMany({
      where: { action: "container.update", hostId: runnerId },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => (r.params as { outcome: string }).outcome)).toEqual([
      "updated",
      "updated",
      "up_to_date",
    ]);
    expect(rows[0]!.params).toMatchObject({ previousImageId: ids.v1, imageId: ids.v2 });
  });

  it("rolls back a new image that exits at once: the old container runs, the tag names it again", async () => {
    await pushVersion("v3", `CMD ["sh", "-c", "exit 1"]`);
    expect((await check())?.status).toBe("update_available");
    const { status, result, progress } = await update("web");
    expect(status, JSON.stringify(result)).toBe(200);
    expect(result.outcome).toBe("rolled_back");
    expect(result.message).toMatch(/exit code 1/);
    expect(result.message).toContain(image);
    expect(result.imageId).toBe(ids.v3);
    expect(progress.map((p) => p.status)).toContain("rolled back");
    expect(await containerImage("web")).toBe(ids.v2);
    expect(
      (await runner.docker(["inspect", "-f", "{{.State.Running}}", "web"])).stdout.trim(),
    ).toBe("true");
    expect(await tagImage()).toBe(ids.v2);
    const names = (await runner.docker(["ps", "-a", "--format", "{{.Names}}"])).stdout;
    expect(names.trim().split("\n")).toEqual(["web"]);
  });

  it("rolls back a new image whose healthcheck never turns healthy in time", async () => {
    await pushVersion(
      "v4",
      `HEALTHCHECK --interval=60s --start-period=120s CMD ["false"]\n${SLEEPS}`,
    );
    const started = Date.now();
    const { result, progress } = await update("web", { healthTimeoutSeconds: 5 });
    expect(result.outcome).toBe("rolled_back");
    expect(result.message).toMatch(/not healthy within 5 s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
    expect(progress.map((p) => p.status)).toContain("waiting for healthy");
    expect(await containerImage("web")).toBe(ids.v2);
    expect(await tagImage()).toBe(ids.v2);
  }, 60_000);

  it("refuses a viewer, and a deployer when the container breaks the host's security policy", async () => {
    const viewer = (
      await createUserSession(stack, "viewer@example.test", [{ hostId: runnerId, role: "VIEWER" }])
    ).session;
    expect((await viewer.fetch(`/api/image-updates?hostId=${runnerId}`)).status).toBe(200);
    expect((await post(viewer, "/api/image-updates/check", { hostId: runnerId })).status).toBe(403);
    const refused = await update("web", {}, viewer);
    expect(refused.status).toBe(403);
    expect(await containerImage("web")).toBe(ids.v2);

    // made by an administrator with a capability the strict default policy forbids deployers
    const made = await post(admin, `/api/hosts/${runnerId}/containers`, {
      spec: { image, name: "netadmin", capAdd: ["NET_ADMIN"] },
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const deployer = (
      await createUserSession(stack, "deployer@example.test", [
        { hostId: runnerId, role: "DEPLOYER" },
      ])
    ).session;
    const before = (await runner.docker(["inspect", "-f", "{{.Id}}", "netadmin"])).stdout;
    const denied = await update("netadmin", {}, deployer);
    expect(denied.status).toBe(403);
    expect(denied.result.error.message).toMatch(/NET_ADMIN|capabilit/i);
    expect((await runner.docker(["inspect", "-f", "{{.Id}}", "netadmin"])).stdout).toBe(before);
    const rows = await (
      await db()
    ).auditEvent.findMany({
      where: { action: "container.update", outcome: "DENIED" },
    });
    expect(rows.map((r) => r.actorLabel).sort()).toEqual([
      "deployer@example.test",
      "viewer@example.test",
    ]);
    await runner.docker(["rm", "-f", "netadmin"]);
  });

  it("updates the containers of a label on the policy's schedule and keeps the outcome", async () => {
    await pushVersion("v5", SLEEPS);
    const bad = await post(admin, "/api/auto-updates", {
      hostId: runnerId,
      labelKey: "tier",
      labelValue: "front",
      cron: "not a cron",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ApiError).error.field).toBe("cron");

    const created = await post(admin, "/api/auto-updates", {
      hostId: runnerId,
      labelKey: "tier",
      labelValue: "front",
      cron: "*/2 * * * * *",
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const policy = (await created.json()) as { id: string };
    const ran = await waitFor(
      "the scheduled update",
      async () => {
        const row = await (await db()).autoUpdatePolicy.findUnique({ where: { id: policy.id } });
        return row?.lastOk !== null && row?.lastOk !== undefined ? row : null;
      },
      60_000,
    );
    expect(ran.lastOk, ran.lastOutcome ?? "").toBe(true);
    expect(ran.lastOutcome).toMatch(/web now runs/);
    expect(await containerImage("web")).toBe(ids.v5);
    const run = await (
      await db()
    ).auditEvent.findFirst({
      where: { action: "autoupdate.run", outcome: "SUCCESS" },
    });
    expect(run?.actorLabel).toBe("schedule");
    expect(run?.params).toMatchObject({ as: "root@example.test" });
    expect((run?.params as { updated: string[] }).updated).toHaveLength(1);

    const removed = await admin.fetch(`/api/auto-updates/${policy.id}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
  }, 90_000);

  it("refuses a scheduled run when the policy's creator lost the role on the host", async () => {
    const { session, teamId, userId } = await createUserSession(stack, "leaver@example.test", [
      { hostId: runnerId, role: "DEPLOYER" },
    ]);
    const created = await post(session, "/api/auto-updates", {
      hostId: runnerId,
      containerName: "web",
      cron: "*/2 * * * * *",
      enabled: false,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const policy = (await created.json()) as { id: string };
    await (await db()).hostAccess.deleteMany({ where: { teamId } });
    const enabled = await admin.fetch(`/api/auto-updates/${policy.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ enabled: true }),
    });
    expect(enabled.status).toBe(200);
    // switching it on made the admin its owner: the leaver is made the owner again
    await (
      await db()
    ).autoUpdatePolicy.update({
      where: { id: policy.id },
      data: { createdById: userId, createdBy: "leaver@example.test" },
    });
    const ran = await waitFor(
      "the refused run",
      async () => {
        const row = await (await db()).autoUpdatePolicy.findUnique({ where: { id: policy.id } });
        return row?.lastOk === false ? row : null;
      },
      30_000,
    );
    expect(ran.lastOutcome).toMatch(/may no longer create containers/);
    const denied = await (
      await db()
    ).auditEvent.findFirst({
      where: { action: "autoupdate.run", outcome: "DENIED" },
    });
    expect(denied?.params).toMatchObject({ as: "leaver@example.test" });
    await admin.fetch(`/api/auto-updates/${policy.id}`, { method: "DELETE" });
  }, 60_000);
});
