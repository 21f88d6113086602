import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UiEvents, type NetworkPruneResult, type NetworkSummary } from "@/lib/protocol";
import type { NetworkDetail } from "@/lib/services/networks/get-network";
import type { NetworkPage } from "@/lib/services/networks/list-networks";
import { BUSYBOX_IMAGE, type SimHost, type SimHosts } from "../harness/hosts";
import type { TestSession } from "../harness/session";
import { createUserSession, startStack, waitFor, type Stack } from "../harness/stack";

/**
 * Networks through the whole product: HTTP API → server → agents → real engines on two
 * simulated hosts, whose eth0 sits on the harness bridge (the hosts' "LAN").
 */
let stack: Stack;
let sim: SimHosts;
let admin: TestSession;
let deployer: TestSession;
let viewer: TestSession;
const hostIds: string[] = [];
let host0: SimHost;

type ApiError = {
  error: {
    code: string;
    message: string;
    field?: string;
    violations?: Array<{ rule: string; field: string }>;
  };
};

const url = (action: string, host = 0) => `/api/hosts/${hostIds[host]}/networks/${action}`;

async function post(session: TestSession, path: string, body: unknown = {}) {
  return session.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function refused(res: Response, status: number): Promise<ApiError["error"]> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (JSON.parse(text) as ApiError).error;
}

async function engineNetworks(host: SimHost): Promise<string[]> {
  const out = await host.docker(["network", "ls", "--format", "{{.Name}}"]);
  return out.stdout.trim().split("\n").sort();
}

async function inspect(session: TestSession, network: string, host = 0): Promise<NetworkDetail> {
  const res = await session.fetch(`${url("inspect", host)}?network=${encodeURIComponent(network)}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as NetworkDetail;
}

async function run(host: SimHost, name: string, args: string[] = []) {
  await host.docker(["run", "-d", "--name", name, ...args, BUSYBOX_IMAGE, "sleep", "3600"]);
}

async function auditRows(action: string) {
  const { db } = await import("@/lib/db");
  return db.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });
}

beforeAll(async () => {
  stack = await startStack({ hosts: 2 });
  ({ sim, admin } = stack);
  hostIds.push(...stack.hostIds);
  host0 = sim.hosts[0]!;
  deployer = (
    await createUserSession(stack, "deployer@example.test", [
      { hostId: hostIds[0]!, role: "DEPLOYER" },
    ])
  ).session;
  viewer = (
    await createUserSession(stack, "viewer@example.test", [{ hostId: hostIds[0]!, role: "VIEWER" }])
  ).session;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("networks", () => {
  it("creates a bridge network with IPAM, flags, labels and options, and lists it fleet-wide", async () => {
    const res = await post(admin, url("create"), {
      name: "app",
      ipam: [{ subnet: "10.70.0.0/24", gateway: "10.70.0.1", ipRange: "10.70.0.128/25" }],
      attachable: true,
      labels: { team: "edge" },
      options: { "com.docker.network.bridge.enable_icc": "true" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const detail = await inspect(admin, "app");
    expect(detail.network).toMatchObject({
      name: "app",
      driver: "bridge",
      scope: "local",
      attachable: true,
      internal: false,
      builtIn: false,
      ipam: [{ subnet: "10.70.0.0/24", gateway: "10.70.0.1", ipRange: "10.70.0.128/25" }],
      labels: { team: "edge" },
      options: { "com.docker.network.bridge.enable_icc": "true" },
    });
    expect(detail.inspect.Name).toBe("app");

    // the engine agrees
    const engine = JSON.parse(
      (await host0.docker(["network", "inspect", "app", "--format", "{{json .IPAM.Config}}"]))
        .stdout,
    ) as Array<{ Subnet: string; Gateway: string; IPRange: string }>;
    expect(engine).toEqual([
      { Subnet: "10.70.0.0/24", Gateway: "10.70.0.1", IPRange: "10.70.0.128/25" },
    ]);

    const page = (await (
      await admin.fetch("/api/networks?q=app&driver=bridge")
    ).json()) as NetworkPage;
    expect(page.items.map((n) => [n.name, n.hostId])).toEqual([["app", hostIds[0]]]);
    // the engine's own networks are listed on both hosts, and marked
    const all = (await (await admin.fetch("/api/networks?sort=host")).json()) as NetworkPage;
    for (const id of hostIds) {
      expect(
        all.items
          .filter((n) => n.hostId === id && n.builtIn)
          .map((n) => n.name)
          .sort(),
      ).toEqual(["bridge", "host", "none"]);
    }

    const [row] = (await auditRows("network.create")).filter((r) => r.target === "app");
    expect(row?.outcome).toBe("SUCCESS");
  });

  it("connects a running container with an alias and a static address, which another container reaches by name", async () => {
    await run(host0, "web");
    await run(host0, "client", ["--network", "app"]);
    const connect = await post(admin, url("connect"), {
      network: "app",
      container: "web",
      aliases: ["api"],
      ipv4Address: "10.70.0.50",
    });
    expect(connect.status, await connect.clone().text()).toBe(200);

    const ping = await host0.docker(["exec", "client", "ping", "-c", "1", "-W", "3", "api"]);
    expect(ping.stdout).toContain("10.70.0.50");
    const lookup = await host0.docker(["exec", "client", "nslookup", "api"]);
    expect(lookup.stdout).toContain("10.70.0.50");

    const detail = await inspect(admin, "app");
    const web = detail.network.containers.find((c) => c.name === "web");
    expect(web).toMatchObject({ state: "running", ipv4Address: "10.70.0.50/24" });
    expect(web?.aliases).toContain("api");

    const disconnect = await post(admin, url("disconnect"), { network: "app", container: "web" });
    expect(disconnect.status).toBe(200);
    // gone from the network: its address no longer answers (a name lookup that misses would
    // be forwarded to the host's resolvers, which simulated hosts cannot reach)
    const after = await host0.docker(
      ["exec", "client", "ping", "-c", "1", "-W", "1", "10.70.0.50"],
      { allowFail: true },
    );
    expect(after.code).not.toBe(0);
    expect((await inspect(admin, "app")).network.containers.map((c) => c.name)).toEqual(["client"]);

    for (const action of ["network.connect", "network.disconnect"]) {
      const rows = await auditRows(action);
      expect(rows.at(-1), action).toMatchObject({ outcome: "SUCCESS", target: "app" });
    }
  });

  it("refuses to remove a network containers use, naming them, and removes it once they left", async () => {
    await host0.docker(["create", "--name", "idle", "--network", "app", BUSYBOX_IMAGE, "true"]);
    const error = await refused(await post(admin, url("remove"), { network: "app" }), 409);
    expect(error.message).toBe(
      "app is still in use: client and idle (created) are connected to it. Disconnect or remove those containers first.",
    );
    expect(await engineNetworks(host0)).toContain("app");
    expect((await auditRows("network.remove")).at(-1)).toMatchObject({ outcome: "FAILURE" });

    // the engine's own networks are never removed
    const builtIn = await refused(await post(admin, url("remove"), { network: "bridge" }), 400);
    expect(builtIn.message).toContain("engine's own networks");

    await host0.docker(["rm", "-f", "client", "idle"]);
    const res = await post(admin, url("remove"), { network: "app" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await engineNetworks(host0)).not.toContain("app");
    await refused(await admin.fetch(`${url("inspect")}?network=app`), 404);
  });

  it("prunes the networks nobody uses and keeps those stopped containers still need", async () => {
    for (const name of ["spare-1", "spare-2", "kept", "busy"]) {
      await host0.docker(["network", "create", name]);
    }
    await host0.docker(["create", "--name", "stopped", "--network", "kept", BUSYBOX_IMAGE, "true"]);
    await run(host0, "busy-one", ["--network", "busy"]);

    const res = await post(admin, url("prune"));
    expect(res.status).toBe(200);
    const result = (await res.json()) as NetworkPruneResult;
    expect(result.deleted.sort()).toEqual(["spare-1", "spare-2"]);
    expect(result.kept).toEqual([{ name: "kept", containers: ["stopped"] }]);
    const left = await engineNetworks(host0);
    expect(left).toEqual(expect.arrayContaining(["bridge", "host", "none", "kept", "busy"]));
    expect(left).not.toContain("spare-1");
    expect((await auditRows("network.prune")).at(-1)).toMatchObject({ outcome: "SUCCESS" });
    await host0.docker(["rm", "-f", "stopped", "busy-one"]);
    await host0.docker(["network", "rm", "kept", "busy"]);
  });

  it("puts two macvlan containers on the host's LAN, where they reach each other by address", async () => {
    const interfaces = (await (await admin.fetch(url("interfaces"))).json()) as {
      interfaces: Array<{ name: string; up: boolean; addresses: Array<{ address: string }> }>;
    };
    const eth0 = interfaces.interfaces.find((i) => i.name === "eth0");
    expect(eth0?.up).toBe(true);
    expect(eth0?.addresses.map((a) => a.address)).toContain(host0.ip);

    const base = sim.subnet.split("/")[0]!.split(".").slice(0, 3).join(".");
    const res = await post(admin, url("create"), {
      name: "lan",
      driver: "macvlan",
      parent: "eth0",
      ipam: [{ subnet: sim.subnet, gateway: sim.gatewayIp, ipRange: `${base}.192/27` }],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    await run(host0, "mv-a", ["--network", "lan", "--ip", `${base}.200`]);
    await run(host0, "mv-b", ["--network", "lan", "--ip", `${base}.201`]);
    const ping = await host0.docker(["exec", "mv-a", "ping", "-c", "1", "-W", "3", `${base}.201`]);
    expect(ping.stdout).toContain("1 packets received");

    // one macvlan network per parent: said in words, next to the parent field, nothing made
    const second = await refused(
      await post(admin, url("create"), {
        name: "lan-2",
        driver: "macvlan",
        parent: "eth0",
        ipam: [{ subnet: "10.71.0.0/24" }],
      }),
      409,
    );
    expect(second.field).toBe("parent");
    expect(second.message).toContain("already the parent of the macvlan network lan");

    const missing = await refused(
      await post(admin, url("create"), { name: "lan-3", driver: "macvlan", parent: "eth9" }),
      400,
    );
    expect(missing).toMatchObject({ field: "parent" });
    expect(missing.message).toMatch(/^This host has no network interface eth9 \(it has .*eth0/);
    const left = await engineNetworks(host0);
    expect(left).not.toContain("lan-2");
    expect(left).not.toContain("lan-3");
    await host0.docker(["rm", "-f", "mv-a", "mv-b"]);
    await host0.docker(["network", "rm", "lan"]);
  });

  it("places each bad input next to its field and leaves nothing half-made", async () => {
    await host0.docker(["network", "create", "--subnet", "10.72.0.0/16", "taken"]);
    const before = await engineNetworks(host0);

    const overlap = await refused(
      await post(admin, url("create"), { name: "new-1", ipam: [{ subnet: "10.72.5.0/24" }] }),
      409,
    );
    expect(overlap).toMatchObject({
      field: "ipam.0.subnet",
      message: "10.72.5.0/24 overlaps 10.72.0.0/16, the subnet of the network taken.",
    });
    const duplicate = await refused(await post(admin, url("create"), { name: "taken" }), 409);
    expect(duplicate.field).toBe("name");
    const builtIn = await refused(await post(admin, url("create"), { name: "host" }), 400);
    expect(builtIn.field).toBe("name");
    const gateway = await refused(
      await post(admin, url("create"), {
        name: "new-2",
        ipam: [{ subnet: "10.73.0.0/24", gateway: "10.74.0.1" }],
      }),
      400,
    );
    expect(gateway.message).toContain("The gateway 10.74.0.1 is not in 10.73.0.0/24.");
    // the engine's own refusal, placed on the field it is about
    const ipv6 = await refused(
      await post(admin, url("create"), { name: "new-3", enableIPv6: true }),
      400,
    );
    expect(ipv6.field).toBe("enableIPv6");
    expect(await engineNetworks(host0)).toEqual(before);

    // connect: unknown networks and containers, an address the network cannot give
    await run(host0, "lonely");
    await refused(await post(admin, url("connect"), { network: "nope", container: "lonely" }), 404);
    const noContainer = await refused(
      await post(admin, url("connect"), { network: "taken", container: "nobody" }),
      404,
    );
    expect(noContainer.field).toBe("container");
    const outside = await refused(
      await post(admin, url("connect"), {
        network: "taken",
        container: "lonely",
        ipv4Address: "10.99.99.9",
      }),
      502,
    );
    expect(outside.field).toBe("ipv4Address");
    const notOn = await refused(
      await post(admin, url("disconnect"), { network: "taken", container: "lonely" }),
      502,
    );
    expect(notOn.field).toBe("container");
    expect((await inspect(admin, "taken")).network.containers).toEqual([]);
    await refused(await admin.fetch(`${url("inspect")}?network=nope`), 404);
    await host0.docker(["rm", "-f", "lonely"]);
    await host0.docker(["network", "rm", "taken"]);
  });

  it("holds deployers to the host's policy: LAN networks and the host network", async () => {
    const policyUrl = `/api/hosts/${hostIds[0]}/policy`;
    const lan = {
      name: "dep-lan",
      driver: "macvlan",
      parent: "eth0",
      ipam: [{ subnet: "10.75.0.0/24" }],
    };
    const lanRefusal = await refused(await post(deployer, url("create"), lan), 403);
    expect(lanRefusal.violations?.map((v) => [v.rule, v.field])).toEqual([
      ["lanNetwork", "driver"],
    ]);
    // a bridge on an interface the host already has is the same thing
    const onDocker0 = await refused(
      await post(deployer, url("create"), {
        name: "dep-br",
        options: { "com.docker.network.bridge.name": "docker0" },
      }),
      403,
    );
    expect(onDocker0.violations?.map((v) => [v.rule, v.field])).toEqual([
      ["lanNetwork", "options"],
    ]);
    expect(await engineNetworks(host0)).not.toContain("dep-lan");
    const denied = (await auditRows("network.create")).filter((r) => r.target === "dep-lan");
    expect(denied.map((r) => r.outcome)).toEqual(["DENIED"]);
    expect(denied[0]?.error).toContain("[policy: lanNetwork]");

    await run(host0, "dep-web");
    const hostNet = await refused(
      await post(deployer, url("connect"), { network: "host", container: "dep-web" }),
      403,
    );
    expect(hostNet.violations?.map((v) => [v.rule, v.field])).toEqual([
      ["hostNamespace", "network"],
    ]);
    // by id too: the network is judged by what it is, not by its name
    const hostId = (await inspect(admin, "host")).network.id;
    await refused(
      await post(deployer, url("connect"), { network: hostId, container: "dep-web" }),
      403,
    );

    // once the host admin allows it, the policy lets it through (the engine itself never
    // connects a running container to the host network)
    const put = await admin.fetch(policyUrl, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ policy: { allowLanNetworks: true, hostNamespaces: ["network"] } }),
    });
    expect(put.status).toBe(200);
    const allowed = await post(deployer, url("create"), lan);
    expect(allowed.status, await allowed.clone().text()).toBe(201);
    const engineSays = await refused(
      await post(deployer, url("connect"), { network: "host", container: "dep-web" }),
      502,
    );
    expect(engineSays.message).toContain("host network");
    await admin.fetch(policyUrl, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ policy: null }),
    });
    await host0.docker(["rm", "-f", "dep-web"]);
    await host0.docker(["network", "rm", "dep-lan"]);
  });

  it("lets viewers read but not change, and hides hosts they cannot see", async () => {
    expect((await viewer.fetch(`${url("inspect")}?network=bridge`)).status).toBe(200);
    expect((await viewer.fetch(url("interfaces"))).status).toBe(200);
    await refused(await post(viewer, url("create"), { name: "viewer-net" }), 403);
    await refused(await post(viewer, url("prune")), 403);
    await refused(await viewer.fetch(`${url("inspect", 1)}?network=bridge`), 404);
    const page = (await (await viewer.fetch("/api/networks")).json()) as NetworkPage;
    expect(new Set(page.items.map((n) => n.hostId))).toEqual(new Set([hostIds[0]]));
  });

  it("tells open network lists when a host's networks change on the engine, only to those who may see the host", async () => {
    const watch = async (session: TestSession) => {
      const socket = session.uiSocket();
      await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
      const seen: string[] = [];
      socket.on(UiEvents.networksChanged, (m) => seen.push(m.hostId));
      return { socket, seen };
    };
    const admins = await watch(admin);
    const viewers = await watch(viewer);
    try {
      // made behind Berth's back, with the docker CLI on the hosts
      await sim.hosts[1]!.docker(["network", "create", "outside-1"]);
      await waitFor("the admin to hear of host 1", async () => admins.seen.includes(hostIds[1]!));
      await host0.docker(["network", "create", "outside-0"]);
      await waitFor("the viewer to hear of host 0", async () => viewers.seen.includes(hostIds[0]!));
      expect(viewers.seen).not.toContain(hostIds[1]);

      const listed = (await (await viewer.fetch("/api/networks?q=outside")).json()) as NetworkPage;
      expect(listed.items.map((n) => n.name)).toEqual(["outside-0"]);

      // a container joining counts too
      admins.seen.length = 0;
      await run(host0, "joiner", ["--network", "outside-0"]);
      await waitFor("the connect to be told", async () => admins.seen.includes(hostIds[0]!));
      const row = (
        (await (
          await admin.fetch(`/api/networks?host=${hostIds[0]}&q=outside-0`)
        ).json()) as NetworkPage
      ).items[0];
      expect(row?.containers.map((c) => c.name)).toEqual(["joiner"]);

      admins.seen.length = 0;
      await host0.docker(["rm", "-f", "joiner"]);
      await host0.docker(["network", "rm", "outside-0"]);
      await waitFor("the removal to be told", async () => admins.seen.includes(hostIds[0]!));
    } finally {
      admins.socket.disconnect();
      viewers.socket.disconnect();
      await sim.hosts[1]!.docker(["network", "rm", "outside-1"], { allowFail: true });
    }
  });

  it("serves the same operations on /api/v1 with an API token", async () => {
    const { db } = await import("@/lib/db");
    const { createApiToken } = await import("@/lib/services/tokens/create-api-token");
    const user = await db.user.findUniqueOrThrow({ where: { email: "deployer@example.test" } });
    const { token } = await createApiToken(
      { id: user.id, email: user.email, name: user.name, role: user.role },
      { name: "networks", expiresInDays: 1 },
    );
    const v1 = (path: string, method = "GET", body?: unknown) =>
      fetch(new URL(`/api/v1/hosts/${hostIds[0]}${path}`, stack.server.url), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await v1("/networks", "POST", { name: "api-net", internal: true })).status).toBe(201);
    const listed = (await (await v1("/networks")).json()) as { networks: NetworkSummary[] };
    expect(listed.networks.find((n) => n.name === "api-net")?.internal).toBe(true);
    await run(host0, "api-box");
    expect(
      (await v1("/networks/api-net/connect", "POST", { container: "api-box", aliases: ["box"] }))
        .status,
    ).toBe(200);
    const one = (await (await v1("/networks/api-net")).json()) as NetworkDetail;
    expect(one.network.containers.map((c) => c.name)).toEqual(["api-box"]);
    expect((await v1("/networks/api-net", "DELETE")).status).toBe(409);
    expect(
      (await v1("/networks/api-net/disconnect", "POST", { container: "api-box", force: true }))
        .status,
    ).toBe(200);
    expect((await v1("/networks/api-net", "DELETE")).status).toBe(200);
    expect((await v1("/networks/prune", "POST")).status).toBe(200);
    const interfaces = (await (await v1("/interfaces")).json()) as {
      interfaces: Array<{ name: string }>;
    };
    expect(interfaces.interfaces.map((i) => i.name)).toContain("eth0");
    await host0.docker(["rm", "-f", "api-box"]);
  });
});
