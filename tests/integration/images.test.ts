import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tarParts } from "@/lib/images/tar";
import { UiEvents } from "@/lib/protocol";
import { startEcrApi } from "../harness/ecr-api";
import { BUSYBOX_IMAGE, type SimHosts } from "../harness/hosts";
import { startRegistry, type TestRegistry } from "../harness/registry";
import { startSlowLink } from "../harness/slow-link";
import type { TestSession } from "../harness/session";
import { createUserSession, startStack, waitFor, type Stack } from "../harness/stack";

/**
 * Images, builds and registries through the whole product: HTTP API → server → agents → real
 * engines on two simulated hosts, and a real private registry (Debian's docker-registry with
 * htpasswd basic auth) on the harness bridge, where both hosts' engines reach it.
 */
let stack: Stack;
let sim: SimHosts;
let registry: TestRegistry | null = null;
let registryHost: string;
let stateDir: string;
let admin: TestSession;
let viewer: TestSession;
const hostIds: string[] = [];
const REGISTRY_USER = "pusher";
const REGISTRY_PASSWORD = "registry secret 42";
let registryId: string;

type Progress = { phase: string; status: string; id?: string; current?: number; total?: number };
type BuildResult = {
  imageId: string;
  tags: string[];
  size: number;
  layers: number;
  cachedSteps: number;
  steps: number;
};
type ApiError = { error: { code: string; message: string; field?: string } };

async function db() {
  return (await import("@/lib/db")).db;
}

const imagesUrl = (host: number, action: string) => `/api/hosts/${hostIds[host]}/images/${action}`;

async function post(session: TestSession, url: string, body: unknown = {}) {
  return session.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Runs a long image action with a callId and collects the progress the /ui socket relays. */
async function withProgress(
  session: TestSession,
  run: (callId: string) => Promise<Response>,
): Promise<{ res: Response; progress: Progress[] }> {
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
    const res = await run(callId);
    await new Promise((r) => setTimeout(r, 200)); // the last relayed messages
    return { res, progress };
  } finally {
    socket.disconnect();
  }
}

/** The image built from context() runs on the host and holds the context's file. */
async function expectContextImageRuns(host: number, image: string) {
  const run = await sim.hosts[host]!.docker([
    "run",
    "--rm",
    image,
    "/bin/busybox",
    "cat",
    "/src/app.txt",
  ]);
  expect(run.stdout).toBe("hello from the context\n");
}

/** The registry form's input for the test registry, with basic auth. */
const privateRegistry = (password: string) => ({
  name: "private",
  kind: "V2_BASIC",
  url: `http://${registryHost}`,
  username: REGISTRY_USER,
  password,
});

const text = (s: string) => new TextEncoder().encode(s);

const DOCKERFILE = `FROM ${BUSYBOX_IMAGE} AS build
COPY . /src
RUN mkdir -p /out && cp /src/app.txt /out/app.txt && dd if=/dev/zero of=/out/scratch.bin bs=1024 count=4096 && rm /out/scratch.bin && dd if=/dev/zero of=/big.bin bs=1024 count=4096
FROM scratch
COPY --from=build /bin/busybox /bin/busybox
COPY --from=build /src /src
LABEL stage=final
ENV DB_PASSWORD=hunter2
`;

function context(): Blob {
  return new Blob(
    tarParts([
      { path: "Dockerfile", data: text(DOCKERFILE) },
      { path: ".dockerignore", data: text("secret.txt\n") },
      { path: "app.txt", data: text("hello from the context\n") },
      { path: "secret.txt", data: text("must not reach the image\n") },
    ]) as BlobPart[],
  );
}

async function build(host: number, options: Record<string, unknown>, callId?: string) {
  const query = new URLSearchParams({ options: JSON.stringify(options) });
  if (callId) query.set("callId", callId);
  return admin.fetch(`${imagesUrl(host, "build")}?${query}`, {
    method: "POST",
    headers: { "content-type": "application/x-tar" },
    body: context(),
  });
}

async function userSession(email: string, role: "VIEWER", hostIndex: number) {
  return (await createUserSession(stack, email, [{ hostId: hostIds[hostIndex]!, role }])).session;
}

beforeAll(async () => {
  // every harness bridge subnet: the registry listens on this run's gateway address
  stack = await startStack({ hosts: 2, hostOptions: { insecureRegistries: ["10.99.0.0/16"] } });
  ({ sim, admin, stateDir } = stack);
  hostIds.push(...stack.hostIds);
  registry = await startRegistry(sim.gatewayIp, REGISTRY_USER, REGISTRY_PASSWORD);
  registryHost = registry.host;
  viewer = await userSession("viewer@example.test", "VIEWER", 0);
}, 180_000);

afterAll(async () => {
  await registry?.stop();
  await stack?.stop();
});

describe("images, builds and registries", () => {
  it("builds a multi-stage image from a context, honouring .dockerignore, with streamed steps", async () => {
    const { res, progress } = await withProgress(admin, (callId) =>
      build(0, { tags: ["team/app:1"], labels: { "org.example.team": "a" } }, callId),
    );
    expect(res.status).toBe(200);
    const result = (await res.json()) as BuildResult;
    expect(result.tags).toContain("team/app:1");
    expect(result.steps).toBeGreaterThanOrEqual(7);
    const output = progress
      .filter((p) => p.phase === "build")
      .map((p) => p.status)
      .join("");
    expect(output).toMatch(/Step 1\/\d+ : FROM berth-test\/busybox:1 AS build/);
    expect(output).toContain("Successfully tagged team/app:1");

    const host = sim.hosts[0]!;
    const listing = await host.docker(["run", "--rm", "team/app:1", "/bin/busybox", "ls", "/src"]);
    expect(listing.stdout.split("\n")).toContain("app.txt");
    expect(listing.stdout).not.toContain("secret.txt");
    const labels = await host.docker(["inspect", "-f", "{{json .Config.Labels}}", "team/app:1"]);
    expect(JSON.parse(labels.stdout)).toMatchObject({ stage: "final", "org.example.team": "a" });

    // the same context again: every step after FROM comes from the cache
    const again = (await (
      await build(0, { tags: ["team/app:1"], labels: { "org.example.team": "a" } })
    ).json()) as BuildResult;
    expect(again.imageId).toBe(result.imageId);
    expect(again.cachedSteps).toBeGreaterThanOrEqual(4);

    // the build stage on its own holds the 4 MiB file the final stage leaves behind
    const stage = (await (
      await build(0, { tags: ["team/app:build-stage"], target: "build" })
    ).json()) as BuildResult;
    expect(stage.size - result.size).toBeGreaterThan(4 * 1024 * 1024);
    expect(result.size).toBeLessThan(3 * 1024 * 1024);
  });

  it("cancels a running build at the user's word", async () => {
    const socket = admin.uiSocket();
    await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
    const callId = randomUUID();
    let output = "";
    socket.on(UiEvents.commandProgress, (m) => {
      if (m.callId === callId) output += m.progress.status;
    });
    const slow = new Blob(
      tarParts([
        { path: "Dockerfile", data: text(`FROM ${BUSYBOX_IMAGE}\nRUN sleep 300\n`) },
      ]) as BlobPart[],
    );
    const query = new URLSearchParams({ options: JSON.stringify({ noCache: true }), callId });
    const pending = admin.fetch(`${imagesUrl(0, "build")}?${query}`, {
      method: "POST",
      body: slow,
    });
    await waitFor("the RUN step to start", async () => output.includes("Running in"));
    const cancel = await post(admin, imagesUrl(0, "cancel"), { callId });
    expect(cancel.status).toBe(200);
    const res = await pending;
    socket.disconnect();
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiError).error.message).toMatch(/cancelled/i);
    // someone else's call id is not theirs to cancel
    expect((await post(viewer, imagesUrl(0, "cancel"), { callId })).status).toBe(404);
  });

  it("lists images per host and fleet-wide, with layer history and the containers using them", async () => {
    const host = sim.hosts[0]!;
    await host.docker(["create", "--name", "uses-app", "team/app:1", "/bin/busybox", "true"]);
    const res = await admin.fetch(`/api/images?q=team/app`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: Array<{
        id: string;
        tags: string[];
        hostId: string;
        containers: Array<{ name: string }>;
        size: number;
      }>;
    };
    const app = body.items.find((i) => i.tags.includes("team/app:1"));
    expect(app?.hostId).toBe(hostIds[0]);
    expect(app?.containers.map((c) => c.name)).toContain("uses-app");
    await host.docker(["rm", "uses-app"]);

    const detail = (await (
      await admin.fetch(`${imagesUrl(0, "inspect")}?ref=${encodeURIComponent(app!.id)}`)
    ).json()) as {
      inspect: { Config: { Env: string[] } };
      layers: Array<{ createdBy: string; size: number }>;
    };
    // an image carries its ENV: secrets are masked for readers of images, as for containers
    expect(detail.inspect.Config.Env).toContain("DB_PASSWORD=••••••");
    expect(JSON.stringify(detail)).not.toContain("hunter2");
    // the classic builder records a COPY by its content hash and destination: busybox's layer
    const copy = detail.layers.find((l) => l.createdBy.includes("COPY") && l.size > 500_000);
    expect(copy?.createdBy).toMatch(/COPY file:[0-9a-f]+ in \/bin\/busybox/);
    expect(detail.layers.some((l) => l.createdBy.includes("LABEL stage=final"))).toBe(true);
  });

  it("tells open image lists when a host's images change on the engine, only to those who may see the host", async () => {
    const watch = async (session: TestSession) => {
      const socket = session.uiSocket();
      await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
      const seen: string[] = [];
      socket.on(UiEvents.imagesChanged, (m) => seen.push(m.hostId));
      return { socket, seen };
    };
    const admins = await watch(admin);
    const viewers = await watch(viewer);
    try {
      // changed behind Berth's back, straight on the engines
      await sim.hosts[1]!.docker(["tag", BUSYBOX_IMAGE, "events/outside:2"]);
      await waitFor("the admin to hear of host 1", async () => admins.seen.includes(hostIds[1]!));
      await sim.hosts[0]!.docker(["tag", BUSYBOX_IMAGE, "events/outside:1"]);
      await waitFor("the viewer to hear of host 0", async () => viewers.seen.includes(hostIds[0]!));
      expect(viewers.seen).not.toContain(hostIds[1]);

      const listed = (await (await viewer.fetch("/api/images?q=events/outside")).json()) as {
        items: Array<{ tags: string[] }>;
      };
      // the viewer's list has it on the host they may see, and nothing of the other
      expect(listed.items).toHaveLength(1);
      expect(listed.items[0]!.tags).toContain("events/outside:1");

      admins.seen.length = 0;
      await sim.hosts[0]!.docker(["rmi", "events/outside:1"]);
      await waitFor("the untag to be told", async () => admins.seen.includes(hostIds[0]!));
    } finally {
      admins.socket.disconnect();
      viewers.socket.disconnect();
      await sim.hosts[1]!.docker(["rmi", "events/outside:2"], { allowFail: true });
    }
  });

  it("configures a registry: tests the connection, hides the password, browses after a push", async () => {
    const wrong = await post(admin, "/api/registries/test", {
      registry: {
        name: "x",
        kind: "V2_BASIC",
        url: `http://${registryHost}`,
        username: REGISTRY_USER,
        password: "wrong",
      },
    });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as ApiError).error.message).toMatch(/refused the credentials/);

    const input = privateRegistry(REGISTRY_PASSWORD);
    const ok = await post(admin, "/api/registries/test", { registry: input });
    expect(ok.status).toBe(200);
    const created = await post(admin, "/api/registries", input);
    expect(created.status).toBe(201);
    const view = (await created.json()) as { id: string; passwordSet: boolean; host: string };
    registryId = view.id;
    expect(view.passwordSet).toBe(true);
    expect(view.host).toBe(registryHost);
    const listed = await (await admin.fetch("/api/registries")).text();
    expect(listed).not.toContain(REGISTRY_PASSWORD);
    const row = await (await db()).registry.findUniqueOrThrow({ where: { id: registryId } });
    expect(row.secretSealed).not.toContain(REGISTRY_PASSWORD);

    // the stored password is used when the form leaves it empty
    const stored = await post(admin, "/api/registries/test", {
      registry: { ...input, password: "" },
      registryId,
    });
    expect(stored.status).toBe(200);
    // ...but never to another address: that needs the password again
    const elsewhere = { ...input, url: "http://127.0.0.1:9", password: "" };
    const moved = await post(admin, "/api/registries/test", { registry: elsewhere, registryId });
    expect(moved.status).toBe(400);
    expect(((await moved.json()) as ApiError).error.field).toBe("password");
    const edited = await admin.fetch(`/api/registries/${registryId}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(elsewhere),
    });
    expect(edited.status).toBe(400);
    const kept = await (await db()).registry.findUniqueOrThrow({ where: { id: registryId } });
    expect(kept.url).toBe(input.url);
  });

  it("tags, pushes with progress, removes, pulls back with progress and pulls on a second host", async () => {
    const remote = `${registryHost}/team/app:1`;
    expect(
      (
        await post(admin, imagesUrl(0, "tag"), {
          ref: "team/app:1",
          repository: `${registryHost}/team/app`,
          tag: "1",
        })
      ).status,
    ).toBe(200);
    const pushed = await withProgress(admin, (callId) =>
      post(admin, imagesUrl(0, "push"), { image: remote, callId }),
    );
    expect(pushed.res.status).toBe(200);
    expect(((await pushed.res.json()) as { digest: string | null }).digest).toMatch(/^sha256:/);
    expect(pushed.progress.some((p) => p.phase === "push" && p.id)).toBe(true);

    const repos = (await (
      await admin.fetch(`/api/registries/${registryId}/repositories`)
    ).json()) as { repositories: string[] };
    expect(repos.repositories).toContain("team/app");
    const tags = (await (
      await admin.fetch(`/api/registries/${registryId}/tags?repository=team/app`)
    ).json()) as { tags: string[] };
    expect(tags.tags).toEqual(["1"]);

    const removed = await post(admin, imagesUrl(0, "remove"), { ref: remote });
    expect(removed.status).toBe(200);
    expect(
      await sim.hosts[0]!.docker(["image", "inspect", remote], { allowFail: true }),
    ).toMatchObject({ code: 1, stderr: `Error: No such image: ${remote}\n` });

    const pulled = await withProgress(admin, (callId) =>
      post(admin, imagesUrl(0, "pull"), { image: remote, callId }),
    );
    expect(pulled.res.status).toBe(200);
    expect(pulled.progress.some((p) => p.phase === "pull")).toBe(true);
    expect((await sim.hosts[0]!.docker(["image", "inspect", remote])).code).toBe(0);

    const second = await withProgress(admin, (callId) =>
      post(admin, imagesUrl(1, "pull"), { image: remote, callId }),
    );
    expect(second.res.status).toBe(200);
    const layers = second.progress.filter((p) => p.id && p.total);
    expect(layers.length).toBeGreaterThan(0);
    expect(second.progress.some((p) => /Pull complete/.test(p.status))).toBe(true);
    await expectContextImageRuns(1, remote);

    const audit = await (
      await db()
    ).auditEvent.findMany({
      where: {
        action: { in: ["image.push", "image.pull", "image.tag", "image.remove", "image.build"] },
      },
    });
    expect(new Set(audit.map((a) => a.action)).size).toBe(5);
    expect(JSON.stringify(audit.map((a) => [a.params, a.error]))).not.toContain(REGISTRY_PASSWORD);
  });

  it("says clearly when the credentials are wrong or the image does not exist", async () => {
    const update = await admin.fetch(`/api/registries/${registryId}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(privateRegistry("not the password")),
    });
    expect(update.status).toBe(200);
    const refused = await post(admin, imagesUrl(1, "pull"), {
      image: `${registryHost}/team/app:1`,
    });
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as ApiError).error.message).toMatch(
      /refused the credentials \(unauthorised\)/,
    );

    const restore = await admin.fetch(`/api/registries/${registryId}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(privateRegistry(REGISTRY_PASSWORD)),
    });
    expect(restore.status).toBe(200);
    const missing = await post(admin, imagesUrl(1, "pull"), {
      image: `${registryHost}/team/nothing:1`,
    });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ApiError).error.message).toMatch(/no such image or tag/);
    // the engine's "not found" is a failed pull, not a refused user
    const row = await (
      await db()
    ).auditEvent.findFirstOrThrow({
      where: { action: "image.pull", target: { contains: "team/nothing" } },
    });
    expect(row.outcome).toBe("FAILURE");
  });

  it("cancels a pull at the user's word: the download stops and no image is left", async () => {
    // a big layer of random bytes (it does not compress), pushed to the registry at full speed
    const host = sim.hosts[0]!;
    await host.docker([
      "run",
      "--name",
      "big-maker",
      BUSYBOX_IMAGE,
      "dd",
      "if=/dev/urandom",
      "of=/big.bin",
      "bs=1048576",
      "count=8",
    ]);
    await host.docker(["commit", "big-maker", `${registryHost}/team/big:1`]);
    await host.docker(["rm", "big-maker"]);
    expect(
      (await post(admin, imagesUrl(0, "push"), { image: `${registryHost}/team/big:1` })).status,
    ).toBe(200);

    // the same registry behind a slow link (about 1 MB/s), as a far-away registry is
    const link = await startSlowLink(sim.gatewayIp, registryHost);
    const slowRegistry = (await (
      await post(admin, "/api/registries", {
        name: "private, far away",
        kind: "V2_BASIC",
        url: `http://${link.host}`,
        username: REGISTRY_USER,
        password: REGISTRY_PASSWORD,
      })
    ).json()) as { id: string };
    const image = `${link.host}/team/big:1`;
    const socket = admin.uiSocket();
    try {
      await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
      const callId = randomUUID();
      const progress: Progress[] = [];
      socket.on(UiEvents.commandProgress, (m) => {
        if (m.callId === callId) progress.push(m.progress);
      });
      const pending = post(admin, imagesUrl(1, "pull"), { image, callId });
      await waitFor("bytes of the big layer to arrive", async () =>
        progress.some((p) => p.status === "Downloading" && (p.current ?? 0) > 0),
      );
      expect((await post(admin, imagesUrl(1, "cancel"), { callId })).status).toBe(200);
      const res = await pending;
      expect(res.status).toBe(409);
      expect(((await res.json()) as ApiError).error.message).toMatch(/cancelled/i);
      // the engine let go of the download: the slow link has nothing left to carry
      await waitFor("the download to stop", async () => link.openConnections() === 0);
      expect(link.bytesSent()).toBeLessThan(8 * 1024 * 1024);
      expect(
        await sim.hosts[1]!.docker(["image", "inspect", image], { allowFail: true }),
      ).toMatchObject({ code: 1, stderr: `Error: No such image: ${image}\n` });
    } finally {
      socket.disconnect();
      await link.stop();
      await admin.fetch(`/api/registries/${slowRegistry.id}`, { method: "DELETE" });
      await host.docker(["rmi", `${registryHost}/team/big:1`], { allowFail: true });
    }
  });

  it("works with a token-auth registry (as Docker Hub and ACR use): test, push, pull, browse", async () => {
    const tokenRegistry = await startRegistry(sim.gatewayIp, "robot", "token secret 7", "token");
    try {
      const input = {
        name: "token registry",
        kind: "V2_TOKEN",
        url: tokenRegistry.url,
        username: "robot",
        password: "token secret 7",
      };
      const wrong = await post(admin, "/api/registries/test", {
        registry: { ...input, password: "nope" },
      });
      expect(wrong.status).toBe(403);
      expect(((await wrong.json()) as ApiError).error.message).toMatch(/token service refused/);
      expect((await post(admin, "/api/registries/test", { registry: input })).status).toBe(200);
      const created = (await (await post(admin, "/api/registries", input)).json()) as {
        id: string;
      };

      const remote = `${tokenRegistry.host}/team/app:tok`;
      const tag = await post(admin, imagesUrl(0, "tag"), {
        ref: "team/app:1",
        repository: `${tokenRegistry.host}/team/app`,
        tag: "tok",
      });
      expect(tag.status).toBe(200);
      expect((await post(admin, imagesUrl(0, "push"), { image: remote })).status).toBe(200);
      const pulled = await post(admin, imagesUrl(1, "pull"), { image: remote });
      expect(pulled.status).toBe(200);
      const tags = (await (
        await admin.fetch(`/api/registries/${created.id}/tags?repository=team/app`)
      ).json()) as { tags: string[] };
      expect(tags.tags).toEqual(["tok"]);
    } finally {
      await tokenRegistry.stop();
    }
  });

  it("works with Amazon ECR: the access key gets a registry login, kept while valid", async () => {
    const keyId = "AKIAIOSFODNN7EXAMPLE";
    const secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const loginPassword = `ecr login ${randomBytes(6).toString("hex")}`;
    // the registry takes user AWS with the password ECR hands out, as ECR's registries do
    const ecrRegistry = await startRegistry(sim.gatewayIp, "AWS", loginPassword);
    const catalogAuth = `Basic ${Buffer.from(`AWS:${loginPassword}`).toString("base64")}`;
    const ecrApi = await startEcrApi({
      accessKeyId: keyId,
      secretAccessKey: secretKey,
      region: "eu-west-1",
      password: loginPassword,
      proxyEndpoint: ecrRegistry.url,
      repositories: async () => {
        const res = await fetch(`${ecrRegistry.url}/v2/_catalog`, {
          headers: { authorization: catalogAuth },
        });
        return ((await res.json()) as { repositories: string[] }).repositories;
      },
    });
    const logins = () => ecrApi.calls.GetAuthorizationToken ?? 0;
    const put = (id: string, body: unknown) =>
      admin.fetch(`/api/registries/${id}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    try {
      const input = {
        name: "ecr",
        kind: "ECR",
        url: ecrRegistry.url,
        username: keyId,
        password: secretKey,
        region: "eu-west-1",
        apiEndpoint: ecrApi.endpoint,
      };
      // a wrong secret key: the clear error next to its field, and nothing is stored
      const wrongTest = await post(admin, "/api/registries/test", {
        registry: { ...input, password: "not the secret" },
      });
      expect(wrongTest.status).toBe(403);
      const wrongTestError = ((await wrongTest.json()) as ApiError).error;
      expect(wrongTestError.message).toMatch(/^AWS refused the access key: .*InvalidSignature/);
      expect(wrongTestError.field).toBe("password");
      const wrongSave = await post(admin, "/api/registries", { ...input, password: "nope" });
      expect(wrongSave.status).toBe(403);
      expect(((await wrongSave.json()) as ApiError).error.field).toBe("password");
      expect(await (await db()).registry.count({ where: { name: "ecr" } })).toBe(0);
      // AWS refused a key: a failed save, not Berth refusing the admin
      const refusedSave = await (
        await db()
      ).auditEvent.findFirstOrThrow({ where: { action: "registry.create", target: "ecr" } });
      expect(refusedSave.outcome).toBe("FAILURE");
      // the address is not an ECR one, so the region cannot be read from it
      const noRegion = await post(admin, "/api/registries/test", {
        registry: { ...input, region: "" },
      });
      expect(noRegion.status).toBe(400);
      expect(((await noRegion.json()) as ApiError).error.field).toBe("region");
      expect(logins()).toBe(0);

      const tested = await post(admin, "/api/registries/test", { registry: input });
      expect(tested.status).toBe(200);
      expect(((await tested.json()) as { message: string }).message).toMatch(/Amazon ECR/);
      expect(logins()).toBe(1);
      const created = await post(admin, "/api/registries", input);
      expect(created.status).toBe(201);
      const view = (await created.json()) as {
        id: string;
        kind: string;
        region: string;
        apiEndpoint: string;
        passwordSet: boolean;
      };
      expect(view).toMatchObject({
        kind: "ECR",
        region: "eu-west-1",
        apiEndpoint: ecrApi.endpoint,
        passwordSet: true,
      });
      expect(logins()).toBe(2); // checked at save, and kept for the registry
      const listed = await (await admin.fetch("/api/registries")).text();
      expect(listed).not.toContain(secretKey);
      expect(listed).not.toContain(loginPassword);
      const row = await (await db()).registry.findUniqueOrThrow({ where: { id: view.id } });
      expect(row.secretSealed).not.toContain(secretKey);

      const remote = `${ecrRegistry.host}/team/app:ecr`;
      const tag = await post(admin, imagesUrl(0, "tag"), {
        ref: "team/app:1",
        repository: `${ecrRegistry.host}/team/app`,
        tag: "ecr",
      });
      expect(tag.status).toBe(200);
      expect((await post(admin, imagesUrl(0, "push"), { image: remote })).status).toBe(200);
      expect((await post(admin, imagesUrl(1, "pull"), { image: remote })).status).toBe(200);
      await expectContextImageRuns(1, remote);
      const repos = (await (
        await admin.fetch(`/api/registries/${view.id}/repositories`)
      ).json()) as { repositories: string[] };
      expect(repos.repositories).toEqual(["team/app"]);
      expect(ecrApi.calls.DescribeRepositories).toBe(1);
      const tags = (await (
        await admin.fetch(`/api/registries/${view.id}/tags?repository=team/app`)
      ).json()) as { tags: string[] };
      expect(tags.tags).toEqual(["ecr"]);
      // push, pull and browse all used the one login from the save
      expect(logins()).toBe(2);

      // a login within 5 minutes of its expiry is not used: the next pull asks for a new one
      ecrApi.validForSeconds = 4 * 60;
      const renamed = { ...input, name: "ecr2", password: "" };
      expect((await put(view.id, renamed)).status).toBe(200);
      expect(logins()).toBe(3);
      expect((await post(admin, imagesUrl(1, "pull"), { image: remote })).status).toBe(200);
      expect(logins()).toBe(4);

      // the key is rotated at AWS: pulls say so, in the user's words
      ecrApi.setSecret("rotated secret key");
      const refused = await post(admin, imagesUrl(1, "pull"), { image: remote });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as ApiError).error.message).toMatch(
        /^AWS refused the access key: .*\(registry ecr2\)$/,
      );
      // saving a wrong key changes nothing
      const before = await (await db()).registry.findUniqueOrThrow({ where: { id: view.id } });
      const badEdit = await put(view.id, { ...renamed, name: "ecr3", password: "still wrong" });
      expect(badEdit.status).toBe(403);
      expect(((await badEdit.json()) as ApiError).error.field).toBe("password");
      const after = await (await db()).registry.findUniqueOrThrow({ where: { id: view.id } });
      expect(after).toEqual(before);

      const audit = await (
        await db()
      ).auditEvent.findMany({
        where: { action: { startsWith: "registry." } },
      });
      const audited = JSON.stringify(audit.map((a) => [a.params, a.error]));
      expect(audited).not.toContain(secretKey);
      expect(audited).not.toContain(loginPassword);
      const removed = await admin.fetch(`/api/registries/${view.id}`, { method: "DELETE" });
      expect(removed.status).toBeLessThan(300);
    } finally {
      await ecrApi.stop();
      await ecrRegistry.stop();
    }
  });

  it("saves an image to a tar download and loads it back", async () => {
    const saved = await admin.fetch(`${imagesUrl(0, "save")}?ref=team/app:1`);
    expect(saved.status).toBe(200);
    const tar = Buffer.from(await saved.arrayBuffer());
    const file = path.join(stateDir, "app.tar");
    await writeFile(file, tar);
    const entries = spawnSync("tar", ["-tf", file], { encoding: "utf8" }).stdout.split("\n");
    expect(entries).toContain("manifest.json");

    const host = sim.hosts[1]!;
    await host.docker(["rmi", "-f", "team/app:1"], { allowFail: true });
    const loaded = await admin.fetch(imagesUrl(1, "load"), {
      method: "POST",
      headers: { "content-type": "application/x-tar" },
      body: new Blob([tar]),
    });
    expect(loaded.status).toBe(200);
    expect(((await loaded.json()) as { loaded: string[] }).loaded).toContain("team/app:1");
    const run = await host.docker([
      "run",
      "--rm",
      "team/app:1",
      "/bin/busybox",
      "cat",
      "/src/app.txt",
    ]);
    expect(run.stdout).toBe("hello from the context\n");
  });

  it("loads an image tar larger than 10 MB: uploads stream through, nothing cuts them", async () => {
    const dir = path.join(stateDir, "big");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "blob"), randomBytes(12 * 1024 * 1024));
    const rootfs = path.join(stateDir, "big-rootfs.tar");
    expect(spawnSync("tar", ["-cf", rootfs, "-C", dir, "blob"]).status).toBe(0);
    await sim.hosts[0]!.docker(["import", rootfs, "big:1"]);
    const saved = await admin.fetch(`${imagesUrl(0, "save")}?ref=big:1`);
    expect(saved.status).toBe(200);
    const tar = Buffer.from(await saved.arrayBuffer());
    expect(tar.length).toBeGreaterThan(12 * 1024 * 1024);

    await sim.hosts[1]!.docker(["rmi", "-f", "big:1"], { allowFail: true });
    const loaded = await admin.fetch(imagesUrl(1, "load"), {
      method: "POST",
      headers: { "content-type": "application/x-tar" },
      body: new Blob([tar]),
    });
    expect(loaded.status, await loaded.clone().text()).toBe(200);
    expect(((await loaded.json()) as { loaded: string[] }).loaded).toContain("big:1");
    const size = await sim.hosts[1]!.docker(["image", "inspect", "big:1", "--format", "{{.Size}}"]);
    expect(Number(size.stdout.trim())).toBeGreaterThanOrEqual(12 * 1024 * 1024);
  });

  it("prunes dangling images and reports the space reclaimed", async () => {
    await build(0, { tags: ["team/app:1"], buildArgs: { UNUSED: "1" }, noCache: true });
    const before = (await (
      await admin.fetch(`/api/images?host=${hostIds[0]}&dangling=only`)
    ).json()) as {
      items: Array<{ id: string; size: number }>;
    };
    expect(before.items.length).toBeGreaterThan(0);
    const pruned = await post(admin, imagesUrl(0, "prune"), { all: false });
    expect(pruned.status).toBe(200);
    const result = (await pruned.json()) as { deleted: string[]; spaceReclaimed: number };
    expect(result.deleted).toEqual(expect.arrayContaining(before.items.map((i) => i.id)));
    expect(result.spaceReclaimed).toBeGreaterThan(0);
    const after = (await (
      await admin.fetch(`/api/images?host=${hostIds[0]}&dangling=only`)
    ).json()) as {
      items: unknown[];
    };
    expect(after.items).toEqual([]);
  });

  it("refuses users without the permission, and hides hosts they cannot see", async () => {
    const reads = await viewer.fetch(`/api/images`);
    const body = (await reads.json()) as { items: Array<{ hostId: string }> };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((i) => i.hostId === hostIds[0])).toBe(true);

    const pull = await post(viewer, imagesUrl(0, "pull"), { image: BUSYBOX_IMAGE });
    expect(pull.status).toBe(403);
    const remove = await post(viewer, imagesUrl(0, "remove"), { ref: "team/app:1" });
    expect(remove.status).toBe(403);
    const other = await post(viewer, imagesUrl(1, "pull"), { image: BUSYBOX_IMAGE });
    expect(other.status).toBe(404);
    const inspect = await viewer.fetch(`${imagesUrl(1, "inspect")}?ref=team/app:1`);
    expect(inspect.status).toBe(404);
    expect((await viewer.fetch(imagesUrl(1, "list"))).status).toBe(404);
    expect((await viewer.fetch(`/api/images?host=${hostIds[1]}`)).status).toBe(404);
    const registries = (await (await viewer.fetch("/api/registries")).json()) as {
      registries: unknown[];
    };
    expect(registries.registries).toEqual([]);
    const browse = await viewer.fetch(`/api/registries/${registryId}/repositories`);
    expect(browse.status).toBe(404);
    const create = await post(viewer, "/api/registries", { name: "x", kind: "DOCKER_HUB" });
    expect(create.status).toBe(403);
  });
});
