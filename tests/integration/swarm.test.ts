import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "@/lib/services/swarm/get-cluster";
import type { CreatedOverlayNetwork } from "@/lib/services/swarm/create-overlay-network";
import { quorumWords } from "@/components/swarm/quorum";
import { startAgent } from "../harness/agent";
import { BUSYBOX_IMAGE, type SimHost } from "../harness/hosts";
import type { TestSession } from "../harness/session";
import { createUserSession, startStack, waitFor, type Stack } from "../harness/stack";

/**
 * Swarm through the whole product: three simulated hosts, each with its own engine and agent,
 * put in one swarm by Berth (never by the harness), an overlay network across them, nodes
 * drained, activated and taken out. The engines have no IPVS: services use dnsrr and host ports.
 */
let stack: Stack;
let admin: TestSession;
let deployer: TestSession;
let hosts: SimHost[];
let ids: string[];
/** Every response body Berth sent in this file: join tokens must never be in one. */
const bodies: string[] = [];

type ApiError = { error: { code: string; message: string; field?: string } };

async function call(session: TestSession, method: string, url: string, body?: unknown) {
  const res = await session.fetch(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, text, json: (text ? JSON.parse(text) : null) as unknown };
}

async function ok<T>(session: TestSession, method: string, url: string, body?: unknown) {
  const res = await call(session, method, url, body);
  if (res.status === 500) console.log(stack.server.output().slice(-3000));
  expect(res.status, res.text).toBeLessThan(300);
  return res.json as T;
}

async function refused(
  session: TestSession,
  url: string,
  body: unknown,
  status: number,
): Promise<ApiError["error"]> {
  const res = await call(session, "POST", url, body);
  expect(res.status, res.text).toBe(status);
  return (res.json as ApiError).error;
}

const cluster = (session: TestSession = admin) => ok<Cluster>(session, "GET", "/api/swarm");

async function nodeStates(host: SimHost): Promise<string[]> {
  const out = await host.docker([
    "node",
    "ls",
    "--format",
    "{{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}}",
  ]);
  return out.stdout.trim().split("\n").sort();
}

async function runOn(index: number, spec: Record<string, unknown>) {
  return ok<{ id: string }>(admin, "POST", `/api/hosts/${ids[index]}/containers`, { spec });
}

beforeAll(async () => {
  stack = await startStack({ hosts: 3, hostOptions: { swarmTeardown: true } });
  ({ admin, hosts } = stack);
  ids = stack.hostIds;
  deployer = (
    await createUserSession(stack, "deployer@example.test", [
      { hostId: ids[0]!, role: "DEPLOYER" },
      { hostId: ids[1]!, role: "DEPLOYER" },
    ])
  ).session;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 120_000);

describe("overlay networks across hosts", () => {
  it("refuses, before anything changes, hosts the caller lacks network.manage on", async () => {
    const error = await refused(
      deployer,
      "/api/swarm/network-create",
      { name: "mesh", hosts: [{ hostId: ids[0] }, { hostId: ids[2] }] },
      404,
    );
    expect(error.message).toMatch(/no such host/i);
    expect(
      (await hosts[0]!.docker(["info", "--format", "{{.Swarm.LocalNodeState}}"])).stdout,
    ).toMatch(/inactive/);
  });

  it("names the host whose advertise address is not its own, and the row it came from", async () => {
    const error = await refused(
      admin,
      "/api/swarm/network-create",
      {
        name: "mesh",
        hosts: [{ hostId: ids[0] }, { hostId: ids[1], advertiseAddr: hosts[2]!.ip }],
      },
      400,
    );
    expect(error.field).toBe("hosts.1.advertiseAddr");
    expect(error.message).toContain(hosts[1]!.name);
    expect(error.message).toContain(`${hosts[2]!.ip} is not an address of this host`);
    expect(error.message).toContain(hosts[1]!.ip);
    // the first host founded the swarm; the second stayed out
    const { hosts: listed } = await cluster();
    expect(listed.find((h) => h.id === ids[0])).toMatchObject({
      swarmState: "active",
      manager: true,
    });
    expect(listed.find((h) => h.id === ids[1])).toMatchObject({ swarmState: "inactive" });
  });

  it("reports a host that goes offline while the swarm is formed", async () => {
    const agent = stack.agents[2]!;
    await agent.kill();
    const error = await refused(
      admin,
      "/api/swarm/network-create",
      { name: "mesh", hosts: ids.map((hostId) => ({ hostId })) },
      503,
    );
    expect(error.code).toBe("HOST_OFFLINE");
    expect(error.field).toBe("hosts.2");
    expect(error.message).toContain(`${hosts[2]!.name} is offline`);
    stack.agents[2] = await startAgent({
      host: hosts[2]!,
      serverUrl: stack.server.url,
      statePath: path.join(stack.stateDir, `${hosts[2]!.name}.json`),
      env: { BERTH_AGENT_PROTECT: stack.server.dataDir },
    });
    await waitFor("host 3 back online", async () => {
      const { hosts: listed } = await cluster();
      return listed.find((h) => h.id === ids[2])?.online;
    });
  });

  it("puts a second host in the swarm as a worker; its run form lists the overlay network", async () => {
    const created = await ok<CreatedOverlayNetwork>(admin, "POST", "/api/swarm/network-create", {
      name: "pair",
      encrypted: true,
      hosts: [{ hostId: ids[0] }, { hostId: ids[1], advertiseAddr: hosts[1]!.ip }],
    });
    expect(created.members.map((m) => [m.hostName, m.action, m.role])).toEqual([
      [hosts[0]!.name, "member", "manager"],
      [hosts[1]!.name, "joined", "worker"],
    ]);
    // a worker's engine lists an overlay network only once a container there joined it
    const engine = await hosts[1]!.docker(["network", "ls", "--format", "{{.Name}}"]);
    expect(engine.stdout).not.toContain("pair");
    const res = await ok<{ networks: Array<{ name: string; driver: string }> }>(
      admin,
      "GET",
      `/api/hosts/${ids[1]}/networks/list`,
    );
    expect(res.networks.find((n) => n.name === "pair")).toMatchObject({ driver: "overlay" });
    // and a container run there through Berth joins it
    await runOn(1, {
      image: BUSYBOX_IMAGE,
      name: "worker-client",
      networks: [{ name: "pair" }],
      command: ["sleep", "3600"],
    });
    const joined = await hosts[1]!.docker(["network", "ls", "--format", "{{.Name}}"]);
    expect(joined.stdout).toContain("pair");
    await hosts[1]!.docker(["rm", "-f", "worker-client"]);
  }, 60_000);

  it("extends the swarm to three hosts and creates an overlay network their containers share", async () => {
    const started = Date.now();
    const created = await ok<CreatedOverlayNetwork>(admin, "POST", "/api/swarm/network-create", {
      name: "mesh",
      hosts: ids.map((hostId) => ({ hostId })),
    });
    console.log(
      `swarm extended to 3 hosts + overlay network created through Berth: ${Date.now() - started} ms`,
    );
    expect(created.name).toBe("mesh");
    expect(created.managerHostId).toBe(ids[0]);
    // three nodes get three managers: the new one joins as one, the worker is promoted
    expect(created.members.map((m) => [m.hostName, m.action, m.role])).toEqual([
      [hosts[0]!.name, "member", "manager"],
      [hosts[1]!.name, "promoted", "manager"],
      [hosts[2]!.name, "joined", "manager"],
    ]);
    expect(await nodeStates(hosts[0]!)).toEqual(
      hosts.map((h, i) => `${h.name} Ready Active ${i === 0 ? "Leader" : "Reachable"}`).sort(),
    );
    const options = async (network: string) =>
      (await hosts[0]!.docker(["network", "inspect", network, "--format", "{{json .Options}}"]))
        .stdout;
    expect(await options("mesh")).not.toContain("encrypted");
    expect(await options("pair")).toContain('"encrypted":""');

    // a container on host 3 serves a page; one on host 1 fetches it by name, both run by Berth
    await runOn(2, {
      image: BUSYBOX_IMAGE,
      name: "web",
      networks: [{ name: "mesh" }],
      command: [
        "sh",
        "-c",
        "mkdir -p /www && echo hello from host 3 > /www/index.html && exec httpd -f -p 8080 -h /www",
      ],
    });
    await runOn(0, {
      image: BUSYBOX_IMAGE,
      name: "client",
      networks: [{ name: "mesh" }],
      command: ["sleep", "3600"],
    });
    const page = await waitFor("the page across hosts", async () => {
      const out = await hosts[0]!.docker(
        ["exec", "client", "timeout", "5", "wget", "-qO-", "http://web:8080/"],
        { allowFail: true },
      );
      return out.code === 0 ? out.stdout : null;
    });
    expect(page.trim()).toBe("hello from host 3");

    const { swarms, hosts: listed } = await cluster();
    expect(swarms).toHaveLength(1);
    const [swarm] = swarms;
    expect(swarm!.managers).toEqual({ total: 3, reachable: 3 });
    expect(swarm!.nodes.map((n) => n.hostId).sort()).toEqual([...ids].sort());
    expect(listed.every((h) => h.swarm === 0)).toBe(true);
    const mesh = swarm!.networks.find((n) => n.name === "mesh")!;
    expect(mesh).toMatchObject({ encrypted: false, attachable: true });
    expect(swarm!.networks.find((n) => n.name === "pair")).toMatchObject({ encrypted: true });
    const attached = mesh.hosts
      .filter((h) => h.containers.length > 0)
      .map((h) => `${h.hostName}:${h.containers.map((c) => c.name).join(",")}`);
    expect(attached.sort()).toEqual([`${hosts[0]!.name}:client`, `${hosts[2]!.name}:web`].sort());
  }, 120_000);

  it("passes on the engine's refusal of a network name, next to the name field", async () => {
    const error = await refused(
      admin,
      "/api/swarm/network-create",
      { name: "mesh", hosts: [{ hostId: ids[0] }] },
      409,
    );
    expect(error.field).toBe("name");
    expect(error.message).toMatch(/mesh.*already exists/);
  });

  it("refuses to remove a network containers are attached to, naming them and their hosts", async () => {
    const error = await refused(
      admin,
      "/api/swarm/network-remove",
      { hostId: ids[1], network: "mesh" },
      409,
    );
    expect(error.message).toContain(`client on ${hosts[0]!.name}`);
    expect(error.message).toContain(`web on ${hosts[2]!.name}`);
    await ok(admin, "POST", "/api/swarm/network-remove", { hostId: ids[1], network: "pair" });
    const { swarms } = await cluster();
    expect(swarms[0]!.networks.map((n) => n.name)).toEqual(["mesh"]);
  });
});

type Service = Cluster["swarms"][number]["services"][number];

async function service(name: string): Promise<Service | undefined> {
  const { swarms } = await cluster();
  return swarms[0]?.services.find((s) => s.name === name);
}

/** Running tasks per host name, once the service has `count` running tasks. */
async function runningOn(name: string, count: number, timeoutMs = 30_000): Promise<string[]> {
  return waitFor(
    `${count} running tasks of ${name}`,
    async () => {
      const { swarms } = await cluster();
      const found = swarms[0]?.services.find((s) => s.name === name);
      const running = (found?.tasks ?? []).filter(
        (t) => t.state === "running" && t.desiredState === "running",
      );
      if (running.length !== count) return null;
      return running
        .map((t) => swarms[0]!.nodes.find((n) => n.id === t.nodeId)?.hostName ?? "?")
        .sort();
    },
    timeoutMs,
  );
}

const WEB_COMMAND = [
  "sh",
  "-c",
  "mkdir -p /www && echo served by $(hostname) > /www/index.html && echo started on $(hostname) && exec httpd -f -p 8080 -h /www",
];

describe("services", () => {
  it("refuses a service that could run on a node the caller cannot see", async () => {
    const error = await refused(
      deployer,
      "/api/swarm/service-create",
      { hostId: ids[0], spec: { name: "sneaky", image: BUSYBOX_IMAGE } },
      403,
    );
    expect(error.field).toBe("hostIds");
    expect(error.message).toContain(hosts[2]!.name);
  });

  it("puts every service through each target host's security policy, per field and host", async () => {
    const res = await call(deployer, "POST", "/api/swarm/service-create", {
      hostId: ids[0],
      spec: {
        name: "escape",
        image: BUSYBOX_IMAGE,
        hostIds: [ids[0], ids[1]],
        binds: [{ source: "/etc", target: "/host-etc" }],
        capAdd: ["NET_ADMIN"],
      },
    });
    expect(res.status, res.text).toBe(403);
    const { error } = res.json as {
      error: { violations: Array<{ rule: string; field: string; message: string }> };
    };
    const seen = error.violations.map((v) => `${v.field} ${v.message.split(":")[0]}`);
    for (const host of [hosts[0]!, hosts[1]!]) {
      expect(seen).toContain(`binds.0.source On ${host.name}`);
      expect(seen).toContain(`capAdd On ${host.name}`);
    }
    expect((await hosts[0]!.docker(["service", "ls", "-q"])).stdout.trim()).toBe("");
  });

  it("answers 404 for a service that does not exist", async () => {
    const error = await refused(
      admin,
      "/api/swarm/service-update",
      { hostId: ids[0], service: "nosuchservice", change: { replicas: 2 } },
      404,
    );
    expect(error.message).toContain("nosuchservice");
  });

  it("spreads a replicated service across hosts, reaches it by name, scales it up and down", async () => {
    const created = await ok<{ id: string; hosts: string[] }>(
      admin,
      "POST",
      "/api/swarm/service-create",
      {
        hostId: ids[1],
        spec: {
          name: "site",
          image: BUSYBOX_IMAGE,
          replicas: 3,
          command: WEB_COMMAND,
          networks: ["mesh"],
          env: [{ key: "GREETING", value: "hello" }],
          secrets: [{ name: "token", value: "not-for-anyone" }],
          configs: [{ name: "site", target: "/etc/site.conf", value: "colour=blue" }],
          limits: { memoryBytes: 64 * 1024 * 1024 },
          reservations: { memoryBytes: 16 * 1024 * 1024 },
          tmpfs: [{ target: "/scratch", sizeBytes: 8 * 1024 * 1024 }],
          restartPolicy: {
            condition: "on-failure",
            maxAttempts: 3,
            delaySeconds: 1,
            windowSeconds: 30,
          },
          // busybox httpd as PID 1 ignores SIGTERM: no point waiting 10 s for each task
          stopGracePeriodSeconds: 1,
          update: { parallelism: 1, delaySeconds: 0, monitorSeconds: 1 },
        },
      },
    );
    expect(created.hosts.sort()).toEqual(hosts.map((h) => h.name).sort());
    expect(await runningOn("site", 3)).toEqual(hosts.map((h) => h.name).sort());
    const inspect = await hosts[0]!.docker([
      "service",
      "inspect",
      "site",
      "--format",
      "{{.Spec.EndpointSpec.Mode}}",
    ]);
    expect(inspect.stdout.trim()).toBe("dnsrr");
    const template = JSON.parse(
      (
        await hosts[0]!.docker([
          "service",
          "inspect",
          "site",
          "--format",
          "{{json .Spec.TaskTemplate}}",
        ])
      ).stdout,
    ) as {
      ContainerSpec: { Mounts: unknown[] };
      Resources: unknown;
      RestartPolicy: unknown;
    };
    expect(template.ContainerSpec.Mounts).toEqual([
      { Type: "tmpfs", Target: "/scratch", TmpfsOptions: { SizeBytes: 8 * 1024 * 1024 } },
    ]);
    expect(template.Resources).toEqual({
      Limits: { MemoryBytes: 64 * 1024 * 1024 },
      Reservations: { MemoryBytes: 16 * 1024 * 1024 },
    });
    expect(template.RestartPolicy).toEqual({
      Condition: "on-failure",
      Delay: 1e9,
      MaxAttempts: 3,
      Window: 30e9,
    });
    // the plain container on host 1 reaches the service's tasks by the service's name
    const page = await waitFor("the service by name", async () => {
      const out = await hosts[0]!.docker(
        ["exec", "client", "timeout", "5", "wget", "-qO-", "http://site:8080/"],
        { allowFail: true },
      );
      return out.code === 0 ? out.stdout : null;
    });
    expect(page).toMatch(/^served by /);
    // the secret and the config are files in the task
    const task = (
      await hosts[2]!.docker(["ps", "-q", "--filter", "label=com.docker.swarm.service.name=site"])
    ).stdout.trim();
    const files = await hosts[2]!.docker([
      "exec",
      task,
      "cat",
      "/run/secrets/token",
      "/etc/site.conf",
    ]);
    expect(files.stdout).toBe("not-for-anyone" + "colour=blue");
    expect(bodies.join("\n")).not.toContain("not-for-anyone");

    await ok(admin, "POST", "/api/swarm/service-update", {
      hostId: ids[0],
      service: "site",
      change: { replicas: 5 },
    });
    expect(await runningOn("site", 5)).toHaveLength(5);
    await ok(admin, "POST", "/api/swarm/service-update", {
      hostId: ids[0],
      service: "site",
      change: { replicas: 3 },
    });
    expect(await runningOn("site", 3)).toHaveLength(3);
  }, 90_000);

  it("runs a global service with a host-mode port on every node", async () => {
    await ok(admin, "POST", "/api/swarm/service-create", {
      hostId: ids[0],
      spec: {
        name: "edge",
        image: BUSYBOX_IMAGE,
        mode: "global",
        command: WEB_COMMAND,
        ports: [{ hostPort: 8082, containerPort: 8080 }],
        stopGracePeriodSeconds: 1,
      },
    });
    expect(await runningOn("edge", 3)).toEqual(hosts.map((h) => h.name).sort());
    for (const host of hosts) {
      const body = await waitFor(`port 8082 on ${host.name}`, async () => {
        const res = await fetch(`http://${host.ip}:8082/`).catch(() => null);
        return res?.ok ? res.text() : null;
      });
      expect(body).toMatch(/^served by /);
    }
  }, 60_000);

  it("rolls a new image out task by task and rolls it back", async () => {
    await Promise.all(hosts.map((h) => h.docker(["tag", BUSYBOX_IMAGE, "berth-test/busybox:2"])));
    await ok(admin, "POST", "/api/swarm/service-update", {
      hostId: ids[0],
      service: "site",
      change: {
        image: "berth-test/busybox:2",
        update: { parallelism: 1, failureAction: "rollback" },
      },
    });
    const updated = await waitFor(
      "the update to complete",
      async () => {
        const site = await service("site");
        const running = site?.tasks.filter((t) => t.desiredState === "running") ?? [];
        return site?.updateState === "completed" &&
          running.length === 3 &&
          running.every((t) => t.image === "berth-test/busybox:2" && t.state === "running")
          ? site
          : null;
      },
      60_000,
    );
    expect(updated.image).toBe("berth-test/busybox:2");
    expect(updated.previousImage).toBe(BUSYBOX_IMAGE);
    expect(updated.update).toMatchObject({ parallelism: 1, failureAction: "rollback" });

    await ok(admin, "POST", "/api/swarm/service-rollback", { hostId: ids[0], service: "site" });
    const back = await waitFor(
      "the rollback to complete",
      async () => {
        const site = await service("site");
        const running = site?.tasks.filter((t) => t.desiredState === "running") ?? [];
        return site?.updateState === "rollback_completed" &&
          running.length === 3 &&
          running.every((t) => t.image === BUSYBOX_IMAGE && t.state === "running")
          ? site
          : null;
      },
      60_000,
    );
    expect(back.image).toBe(BUSYBOX_IMAGE);
  }, 150_000);

  it("merges the logs of every task, each line with its host", async () => {
    const { lines } = await ok<{
      lines: Array<{ text: string; taskId: string; hostName: string | null }>;
    }>(admin, "GET", `/api/swarm/service-logs?hostId=${ids[0]}&service=site&tail=100`);
    const started = lines.filter((l) => l.text.startsWith("started on "));
    expect(new Set(started.map((l) => l.taskId)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(started.map((l) => l.hostName)).size).toBe(3);
  });

  it("moves a drained node's tasks to the others, and takes tasks again once activated", async () => {
    await ok(admin, "POST", "/api/swarm/node-availability", {
      hostId: ids[1],
      availability: "drain",
    });
    const drained = await waitFor(
      "no task left on the drained node",
      async () => {
        const placed = await runningOn("site", 3);
        return placed.includes(hosts[1]!.name) ? null : placed;
      },
      30_000,
    );
    expect(drained).not.toContain(hosts[1]!.name);
    expect(await runningOn("edge", 2)).not.toContain(hosts[1]!.name);
    await ok(admin, "POST", "/api/swarm/node-availability", {
      hostId: ids[1],
      availability: "active",
    });
    // a global service comes back at once; replicas stay where they are until rescheduled
    expect(await runningOn("edge", 3)).toContain(hosts[1]!.name);
  }, 90_000);

  it("keeps driving the swarm through the other managers while one manager's engine is down", async () => {
    const lost = hosts[0]!;
    const lostNode = (await cluster()).swarms[0]!.nodes.find((n) => n.hostId === ids[0])!;
    expect(lostNode).toMatchObject({ role: "manager", leader: true });
    const stoppedAt = Date.now();
    await lost.stopEngine();
    try {
      // the page: the host is still online in Berth, its engine is not; its node is down and
      // unreachable; the quorum holds and a reachable manager answers for the swarm
      const seen = await waitFor(
        "the lost manager seen as down and unreachable",
        async () => {
          const now = await cluster();
          const node = now.swarms[0]?.nodes.find((n) => n.id === lostNode.id);
          return now.swarms.length === 1 &&
            node?.state === "down" &&
            node.reachability === "unreachable"
            ? now
            : null;
        },
        60_000,
      );
      console.log(`lost manager seen down and unreachable: ${Date.now() - stoppedAt} ms`);
      const [swarm] = seen.swarms;
      expect(swarm!.error).toBeUndefined();
      expect(swarm!.managerHostId).not.toBe(ids[0]);
      expect(swarm!.managers).toEqual({ total: 3, reachable: 2 });
      expect(quorumWords(swarm!.managers)).toEqual({
        text: "1 of 3 managers unreachable: the swarm keeps working while 2 are reachable.",
        bad: true,
      });
      expect(swarm!.nodes.find((n) => n.id === lostNode.id)).toMatchObject({
        hostId: ids[0],
        hostName: lost.name,
        leader: false,
      });
      expect(seen.hosts.find((h) => h.id === ids[0])).toMatchObject({
        online: true,
        swarmState: null,
        nodeId: lostNode.id,
        swarm: 0,
        error: expect.stringMatching(/Docker engine not reachable/) as unknown,
      });

      // Berth still scales a service and creates an overlay network through another manager
      await ok(admin, "POST", "/api/swarm/service-update", {
        hostId: ids[1],
        service: "site",
        change: { replicas: 4 },
      });
      const placed = await runningOn("site", 4, 60_000);
      expect(placed).not.toContain(lost.name);
      const created = await ok<CreatedOverlayNetwork>(admin, "POST", "/api/swarm/network-create", {
        name: "after-loss",
        hosts: [{ hostId: ids[1] }, { hostId: ids[2] }],
      });
      expect(created.managerHostId).not.toBe(ids[0]);

      // what must go through the lost host says so, naming it
      for (const [url, body] of [
        ["/api/swarm/service-update", { hostId: ids[0], service: "site", change: { replicas: 3 } }],
        ["/api/swarm/node-availability", { hostId: ids[0], availability: "drain" }],
        ["/api/swarm/leave", { hostId: ids[0] }],
      ] as const) {
        const error = await refused(admin, url, body, 503);
        expect(error.code, url).toBe("ENGINE_UNAVAILABLE");
        expect(error.message, url).toContain(lost.name);
      }
    } finally {
      await lost.startEngine();
    }

    // back: its node rejoins by itself, reachable again, and Berth reads it again
    const back = await waitFor(
      "the manager back and reachable",
      async () => {
        const now = await cluster();
        const node = now.swarms[0]?.nodes.find((n) => n.id === lostNode.id);
        return node?.state === "ready" && node.reachability === "reachable" ? now : null;
      },
      60_000,
    );
    expect(back.swarms[0]!.managers).toEqual({ total: 3, reachable: 3 });
    expect(back.hosts.find((h) => h.id === ids[0])).toMatchObject({
      swarmState: "active",
      manager: true,
      swarm: 0,
    });
    expect(back.swarms[0]!.networks.map((n) => n.name)).toContain("after-loss");
    await ok(admin, "POST", "/api/swarm/service-update", {
      hostId: ids[0],
      service: "site",
      change: { replicas: 3 },
    });
    expect(await runningOn("site", 3, 60_000)).toHaveLength(3);
  }, 240_000);

  it("takes a host out of the swarm: its tasks move, its node goes from the list", async () => {
    const denied = await refused(deployer, "/api/swarm/leave", { hostId: ids[1] }, 403);
    expect(denied.message).toMatch(/HOST_ADMIN/);
    await ok(admin, "POST", "/api/swarm/leave", { hostId: ids[2] });
    const placed = await runningOn("site", 3);
    expect(placed).not.toContain(hosts[2]!.name);
    const { swarms, hosts: listed } = await cluster();
    expect(swarms[0]!.nodes.map((n) => n.hostName).sort()).toEqual(
      [hosts[0]!.name, hosts[1]!.name].sort(),
    );
    expect(listed.find((h) => h.id === ids[2])).toMatchObject({
      swarmState: "inactive",
      swarm: null,
    });
  }, 90_000);

  it("removes services, and the secrets and configs made for them", async () => {
    for (const name of ["edge", "site"]) {
      await ok(admin, "POST", "/api/swarm/service-remove", { hostId: ids[0], service: name });
    }
    expect((await hosts[0]!.docker(["service", "ls", "-q"])).stdout.trim()).toBe("");
    const left = await waitFor("secrets and configs gone", async () => {
      const secrets = (await hosts[0]!.docker(["secret", "ls", "-q"])).stdout.trim();
      const configs = (await hosts[0]!.docker(["config", "ls", "-q"])).stdout.trim();
      return secrets === "" && configs === "" ? "none" : null;
    });
    expect(left).toBe("none");
  }, 60_000);
});

describe("nodes", () => {
  it("drains and activates a node; the role on that host is needed", async () => {
    const denied = await refused(
      deployer,
      "/api/swarm/node-availability",
      { hostId: ids[1], availability: "drain" },
      403,
    );
    expect(denied.message).toMatch(/HOST_ADMIN/);
    await ok(admin, "POST", "/api/swarm/node-availability", {
      hostId: ids[1],
      availability: "drain",
    });
    expect((await nodeStates(hosts[0]!)).find((s) => s.startsWith(hosts[1]!.name))).toContain(
      "Drain",
    );
    const { swarms } = await cluster();
    expect(swarms[0]!.nodes.find((n) => n.hostId === ids[1])?.availability).toBe("drain");
    await ok(admin, "POST", "/api/swarm/node-availability", {
      hostId: ids[1],
      availability: "active",
    });
    expect((await nodeStates(hosts[0]!)).find((s) => s.startsWith(hosts[1]!.name))).toContain(
      "Active",
    );
  });

  it("audits every swarm change on the hosts it touched, without a join token anywhere", async () => {
    const { db } = await import("@/lib/db");
    const rows = await db.auditEvent.findMany({
      where: { action: { startsWith: "swarm." } },
      orderBy: { id: "asc" },
    });
    const summary = rows.map(
      (r) => `${r.action} ${r.hostId === null ? "-" : ids.indexOf(r.hostId)} ${r.outcome}`,
    );
    expect(summary).toContain("swarm.init 0 SUCCESS");
    expect(summary).toContain("swarm.join 1 FAILURE");
    expect(summary).toContain("swarm.join 1 SUCCESS");
    expect(summary).toContain("swarm.join 2 SUCCESS");
    expect(summary).toContain("swarm.node.update 1 SUCCESS");
    expect(summary).toContain("swarm.network.create 0 SUCCESS");
    expect(summary).toContain("swarm.node.update 1 SUCCESS");

    const tokens = await Promise.all(
      ["worker", "manager"].map(async (role) =>
        (await hosts[0]!.docker(["swarm", "join-token", "-q", role])).stdout.trim(),
      ),
    );
    const secret = tokens.map((t) => t.split("-").slice(-1)[0]!);
    const everything = [
      ...bodies,
      JSON.stringify(rows, (_key, value: unknown) =>
        typeof value === "bigint" ? value.toString() : value,
      ),
      stack.server.output(),
      ...stack.agents.map((a) => a.output()),
    ].join("\n");
    expect(everything).not.toMatch(/SWMTKN/);
    for (const part of secret) expect(everything).not.toContain(part);
  });
});
