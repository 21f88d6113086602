import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUSYBOX_IMAGE } from "../harness/hosts";
import type { TestSession } from "../harness/session";
import { createUserSession, startStack, type Stack } from "../harness/stack";

/**
 * Attacks on one host by users with a role on it, through the product's own entry points,
 * against a real engine and agent: each one was possible once and must stay refused.
 */
let stack: Stack;
let hostId = "";
let viewer: TestSession;
let deployer: TestSession;

async function post(session: TestSession, url: string, body: unknown): Promise<Response> {
  return session.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** The agent process still runs and still answers commands. */
async function agentAnswers(): Promise<void> {
  const agent = stack.agents[0]!;
  expect(agent.output()).not.toMatch(/fatal|ENOTFOUND/);
  const ping = await stack.admin.fetch(`/api/hosts/${hostId}/ping`, { method: "POST" });
  expect(ping.status).toBe(200);
  const state = await Promise.race([
    agent.exited.then(() => "exited"),
    new Promise((r) => setTimeout(() => r("running"), 500)),
  ]);
  expect(state).toBe("running");
}

beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
  hostId = stack.hostIds[0]!;
  ({ session: viewer } = await createUserSession(stack, "viewer@example.test", [
    { hostId, role: "VIEWER" },
  ]));
  ({ session: deployer } = await createUserSession(stack, "deployer@example.test", [
    { hostId, role: "DEPLOYER" },
  ]));
  await stack.hosts[0]!.docker(["run", "-d", "--name", "victim", BUSYBOX_IMAGE, "sleep", "3600"]);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("a viewer", () => {
  it("cannot read an image's secret environment through a `docker save` download", async () => {
    const host = stack.hosts[0]!;
    await host.docker(["create", "--name", "secret-base", BUSYBOX_IMAGE]);
    await host.docker([
      "commit",
      "--change",
      "ENV SECRET_PASSWORD=hunter2",
      "secret-base",
      "secret-app:1",
    ]);
    const images = `/api/hosts/${hostId}/images`;
    // What a viewer may see: the inspect view masks the value.
    const inspect = await viewer.fetch(`${images}/inspect?ref=secret-app:1`);
    expect(inspect.status).toBe(200);
    expect(await inspect.text()).not.toContain("hunter2");
    // The tar holds the image config with the value in clear: it needs an operator.
    const saved = await viewer.fetch(`${images}/save?ref=secret-app:1`);
    const body = Buffer.from(await saved.arrayBuffer());
    expect(saved.status).toBe(403);
    expect(body.includes("hunter2")).toBe(false);
    const { db } = await import("@/lib/db");
    const row = await db.auditEvent.findFirstOrThrow({
      where: { action: "image.save", actorLabel: "viewer@example.test" },
    });
    expect(row.outcome).toBe("DENIED");
  });
});

describe("names that reach Engine API paths", () => {
  const host = () => stack.hosts[0]!;
  const victimState = async () =>
    (await host().docker(["inspect", "-f", "{{.State.Status}}", "victim"])).stdout.trim();

  it("a network name cannot call another endpoint: `prune?` removed every unused network", async () => {
    await host().docker(["network", "create", "unused-net"]);
    const res = await post(deployer, `/api/hosts/${hostId}/containers`, {
      spec: {
        image: BUSYBOX_IMAGE,
        name: "net-prune",
        command: ["true"],
        networks: [{ name: "bridge" }, { name: "prune?" }],
      },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const networks = (await host().docker(["network", "ls", "--format", "{{.Name}}"])).stdout;
    expect(networks.split("\n")).toContain("unused-net");
    const left = (await host().docker(["ps", "-a", "--format", "{{.Names}}"])).stdout;
    expect(left.split("\n")).not.toContain("net-prune");
    await agentAnswers();
  });

  it("a network name cannot walk to another path: `../containers/victim/pause?` crashed the agent", async () => {
    const res = await post(deployer, `/api/hosts/${hostId}/containers`, {
      spec: {
        image: BUSYBOX_IMAGE,
        name: "net-walk",
        command: ["true"],
        networks: [{ name: "bridge" }, { name: "../containers/victim/pause?" }],
      },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await victimState()).toBe("running");
    await agentAnswers();
  });

  it("an image reference cannot walk to another path, for a viewer or a deployer", async () => {
    const images = `/api/hosts/${hostId}/images`;
    const walk = "berth-test/../../containers/victim";
    const inspect = await viewer.fetch(`${images}/inspect?ref=${encodeURIComponent(walk)}`);
    expect(inspect.status).toBe(400);
    expect(await inspect.text()).not.toContain("sleep");
    await agentAnswers();
    const removed = await post(deployer, `${images}/remove`, { ref: walk, force: true });
    expect(removed.status).toBe(400);
    const tagged = await post(deployer, `${images}/tag`, {
      ref: walk,
      repository: "walked",
      tag: "1",
    });
    expect(tagged.status).toBe(400);
    const pushed = await post(deployer, `${images}/push`, { image: "../containers/victim:1" });
    expect(pushed.status).toBe(400);
    expect(await victimState()).toBe("running");
    await agentAnswers();
  });
});
