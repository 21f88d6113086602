import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUSYBOX_IMAGE } from "../harness/hosts";
import { createUserSession, startStack, waitFor, type Stack } from "../harness/stack";
import type { TestSession } from "../harness/session";

/** Personal API tokens and the REST API they open, with exactly their owner's rights. */
let stack: Stack;
let hostId = "";
let operator: TestSession;
let operatorId = "";

type Issued = { token: string; view: { id: string; prefix: string; lastUsedAt: number | null } };

async function issue(session: TestSession, body: unknown) {
  return session.fetch("/api/tokens", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

function api(token: string, path: string, init: RequestInit = {}) {
  return fetch(new URL(`/api/v1${path}`, stack.server.url), {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
}

beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
  hostId = stack.hostIds[0]!;
  await stack.hosts[0]!.docker([
    "run",
    "-d",
    "--name",
    "api-target",
    BUSYBOX_IMAGE,
    "sh",
    "-c",
    "echo hello from the api; sleep 3600",
  ]);
  ({ session: operator, userId: operatorId } = await createUserSession(stack, "api@example.test", [
    { hostId, role: "OPERATOR" },
  ]));
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("API tokens", () => {
  it("are shown once and stored only as a hash", async () => {
    const res = await issue(operator, { name: "ci", expiresInDays: 30 });
    expect(res.status).toBe(201);
    const { token, view } = (await res.json()) as Issued;
    expect(token).toMatch(/^berth_[A-Za-z0-9_-]{40,}$/);
    expect(token.startsWith(view.prefix)).toBe(true);
    const listed = await (await operator.fetch("/api/tokens")).text();
    expect(listed).not.toContain(token);
    const { db } = await import("@/lib/db");
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: view.id } });
    expect(JSON.stringify(row)).not.toContain(token.slice(view.prefix.length));
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });

  it("refuse a bad name or lifetime next to the field", async () => {
    const res = await issue(operator, { name: "", expiresInDays: 400 });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: "name: Give the token a name.; expiresInDays: A token lives at most 365 days.",
        field: "name",
      },
    });
    const long = await issue(operator, { name: "x", expiresInDays: 400 });
    expect(await long.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: "expiresInDays: A token lives at most 365 days.",
        field: "expiresInDays",
      },
    });
  });

  it("act with the owner's rights through the REST API, and record their use", async () => {
    const startedAt = Date.now();
    const { token, view } = (await (
      await issue(operator, { name: "ops", expiresInDays: 1 })
    ).json()) as Issued;
    const hosts = (await (await api(token, "/hosts")).json()) as { hosts: Array<{ id: string }> };
    expect(hosts.hosts.map((h) => h.id)).toEqual([hostId]);
    await waitFor("container listed", async () => {
      const page = (await (await api(token, "/containers?q=api-target")).json()) as {
        items: Array<{ name: string }>;
      };
      return page.items.length === 1;
    });
    const detail = await api(token, `/hosts/${hostId}/containers/api-target`);
    expect(detail.status).toBe(200);

    const stop = await api(token, `/hosts/${hostId}/containers/api-target/stop`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ timeoutSeconds: 0 }),
    });
    expect(stop.status).toBe(200);
    const state = await stack.hosts[0]!.docker([
      "inspect",
      "-f",
      "{{.State.Running}}",
      "api-target",
    ]);
    expect(state.stdout.trim()).toBe("false");
    const start = await api(token, `/hosts/${hostId}/containers/api-target/start`, {
      method: "POST",
    });
    expect(start.status).toBe(200);

    const logs = await api(token, `/hosts/${hostId}/containers/api-target/logs?timestamps=0`);
    expect(logs.status).toBe(200);
    expect(logs.headers.get("content-disposition")).toBe('attachment; filename="api-target.log"');
    expect(await logs.text()).toContain("hello from the api");

    // An operator may not remove: the same 403 as in the browser.
    const remove = await api(token, `/hosts/${hostId}/containers/api-target/remove`, {
      method: "POST",
    });
    expect(remove.status).toBe(403);

    const { db } = await import("@/lib/db");
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: view.id } });
    // stamped when the token was used, within this test
    expect(row.lastUsedAt?.getTime()).toBeGreaterThanOrEqual(startedAt);
    expect(row.lastUsedAt?.getTime()).toBeLessThanOrEqual(Date.now());
    const audit = await db.auditEvent.findMany({
      where: { actorId: operatorId, action: { in: ["container.stop", "container.remove"] } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ["container.stop", "SUCCESS"],
      ["container.remove", "DENIED"],
    ]);
  });

  it("create and recreate containers from a run spec, under the host's security policy", async () => {
    const { session: deployer } = await createUserSession(stack, "api-deployer@example.test", [
      { hostId, role: "DEPLOYER" },
    ]);
    const { token } = (await (
      await issue(deployer, { name: "deploy", expiresInDays: 1 })
    ).json()) as Issued;
    const post = (path: string, body: unknown) =>
      api(token, path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const names = async () =>
      (await stack.hosts[0]!.docker(["ps", "-a", "--format", "{{.Names}}"])).stdout.split("\n");

    const refused = await post(`/hosts/${hostId}/containers`, {
      image: BUSYBOX_IMAGE,
      name: "api-escape",
      capAdd: ["SYS_ADMIN"],
      pidMode: "host",
      command: ["sleep", "3600"],
    });
    expect(refused.status).toBe(403);
    const { error } = (await refused.json()) as {
      error: { field: string; violations: Array<{ rule: string; field: string }> };
    };
    expect(error.field).toBe("capAdd");
    expect(error.violations.map((v) => [v.rule, v.field])).toEqual([
      ["capabilities", "capAdd"],
      ["hostNamespace", "pidMode"],
    ]);
    expect(await names()).not.toContain("api-escape");

    const created = await post(`/hosts/${hostId}/containers`, {
      image: BUSYBOX_IMAGE,
      name: "api-made",
      command: ["sleep", "3600"],
      labels: { made: "by-api" },
    });
    expect(created.status).toBe(201);
    const made = (await created.json()) as { id: string; name: string; warnings: string[] };
    expect(made).toMatchObject({ name: "api-made", warnings: [] });

    const escalate = await post(`/hosts/${hostId}/containers/api-made/recreate`, {
      image: BUSYBOX_IMAGE,
      name: "api-made",
      command: ["sleep", "3600"],
      privileged: true,
    });
    expect(escalate.status).toBe(403);
    const recreated = await post(`/hosts/${hostId}/containers/api-made/recreate`, {
      image: BUSYBOX_IMAGE,
      name: "api-made",
      command: ["sleep", "3600"],
      labels: { made: "again" },
    });
    expect(recreated.status).toBe(200);
    const again = (await recreated.json()) as { id: string; name: string };
    expect(again.name).toBe("api-made");
    expect(again.id).not.toBe(made.id);
    const label = await stack.hosts[0]!.docker([
      "inspect",
      "-f",
      '{{index .Config.Labels "made"}} {{.HostConfig.Privileged}}',
      "api-made",
    ]);
    expect(label.stdout.trim()).toBe("again false");
    await stack.hosts[0]!.docker(["rm", "-f", "api-made"]);
  });

  it("stop working when revoked, expired, or their owner is disabled", async () => {
    const { db } = await import("@/lib/db");
    const make = async (name: string) =>
      (await (await issue(operator, { name, expiresInDays: 1 })).json()) as Issued;

    const revoked = await make("revoked");
    expect((await api(revoked.token, "/hosts")).status).toBe(200);
    const del = await operator.fetch(`/api/tokens/${revoked.view.id}`, { method: "DELETE" });
    expect(del.status).toBe(200);
    const refused = await api(revoked.token, "/hosts");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain("Bearer");

    const expired = await make("expired");
    await db.apiToken.update({
      where: { id: expired.view.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await api(expired.token, "/hosts")).status).toBe(401);

    const owner = await make("owner");
    await db.user.update({ where: { id: operatorId }, data: { disabled: true } });
    try {
      expect((await api(owner.token, "/hosts")).status).toBe(401);
    } finally {
      await db.user.update({ where: { id: operatorId }, data: { disabled: false } });
    }
    expect((await api(owner.token, "/hosts")).status).toBe(200);
    const audit = await db.auditEvent.findMany({
      where: { actorId: operatorId, action: { startsWith: "api-token." } },
    });
    expect(audit.filter((a) => a.action === "api-token.revoke").map((a) => a.target)).toEqual([
      revoked.view.id,
    ]);
    expect(audit.filter((a) => a.action === "api-token.create").map((a) => a.target)).toContain(
      "owner",
    );
  });

  it("belong to their owner alone", async () => {
    const { token, view } = (await (
      await issue(operator, { name: "mine", expiresInDays: 1 })
    ).json()) as Issued;
    const other = await stack.admin.fetch(`/api/tokens/${view.id}`, { method: "DELETE" });
    expect(other.status).toBe(404);
    expect((await api(token, "/hosts")).status).toBe(200);
    const adminList = (await (await stack.admin.fetch("/api/tokens")).json()) as {
      tokens: unknown[];
    };
    expect(adminList.tokens).toEqual([]);
  });

  it("are the only way into /api/v1, and only open /api/v1", async () => {
    expect((await operator.fetch("/api/v1/hosts")).status).toBe(401);
    const { token } = (await (
      await issue(operator, { name: "scope", expiresInDays: 1 })
    ).json()) as Issued;
    const cookieRoute = await fetch(new URL("/api/hosts", stack.server.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(cookieRoute.status).toBe(401);
    // Token calls carry no ambient credential, so another origin does not make them forged.
    const fromElsewhere = await api(token, `/hosts/${hostId}/containers/api-target/start`, {
      method: "POST",
      headers: { origin: "https://ci.example" },
    });
    expect(fromElsewhere.status).toBe(200);
  });

  it("describes the API in an OpenAPI 3.1 document", async () => {
    const res = await fetch(new URL("/api/v1/openapi.json", stack.server.url));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      servers: Array<{ url: string }>;
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]!.url).toMatch(/\/api\/v1$/);
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/alerts/channels",
      "/alerts/channels/test",
      "/alerts/channels/{channelId}",
      "/alerts/channels/{channelId}/test",
      "/alerts/deliveries",
      "/alerts/deliveries/{deliveryId}/retry",
      "/alerts/events",
      "/alerts/events/{eventId}",
      "/alerts/events/{eventId}/silence",
      "/alerts/preferences",
      "/alerts/rules",
      "/alerts/rules/{ruleId}",
      "/alerts/rules/{ruleId}/silence",
      "/auto-updates",
      "/auto-updates/{policyId}",
      "/containers",
      "/host-groups/{groupId}/policy",
      "/hosts",
      "/hosts/ssh",
      "/hosts/ssh/cancel",
      "/hosts/ssh/host-key",
      "/hosts/{hostId}",
      "/hosts/{hostId}/containers",
      "/hosts/{hostId}/containers/{containerId}",
      "/hosts/{hostId}/containers/{containerId}/logs",
      "/hosts/{hostId}/containers/{containerId}/recreate",
      "/hosts/{hostId}/containers/{containerId}/update",
      "/hosts/{hostId}/containers/{containerId}/{action}",
      "/hosts/{hostId}/interfaces",
      "/hosts/{hostId}/networks",
      "/hosts/{hostId}/networks/prune",
      "/hosts/{hostId}/networks/{networkId}",
      "/hosts/{hostId}/networks/{networkId}/connect",
      "/hosts/{hostId}/networks/{networkId}/disconnect",
      "/hosts/{hostId}/policy",
      "/hosts/{hostId}/swarm/services",
      "/hosts/{hostId}/swarm/services/{service}",
      "/hosts/{hostId}/swarm/services/{service}/logs",
      "/hosts/{hostId}/swarm/services/{service}/rollback",
      "/hosts/{hostId}/swarm/{action}",
      "/hosts/{hostId}/volumes",
      "/hosts/{hostId}/volumes/prune",
      "/hosts/{hostId}/volumes/{name}",
      "/hosts/{hostId}/volumes/{name}/backup",
      "/hosts/{hostId}/volumes/{name}/backups",
      "/hosts/{hostId}/volumes/{name}/backups/{backupId}",
      "/hosts/{hostId}/volumes/{name}/clone",
      "/hosts/{hostId}/volumes/{name}/download",
      "/hosts/{hostId}/volumes/{name}/files",
      "/hosts/{hostId}/volumes/{name}/mkdir",
      "/hosts/{hostId}/volumes/{name}/preview",
      "/hosts/{hostId}/volumes/{name}/restore",
      "/hosts/{hostId}/volumes/{name}/schedule",
      "/hosts/{hostId}/volumes/{name}/upload",
      "/image-updates",
      "/image-updates/check",
      "/security/containers",
      "/stacks",
      "/stacks/adopt",
      "/stacks/plan",
      "/stacks/templates",
      "/stacks/{id}",
      "/stacks/{id}/deploy",
      "/stacks/{id}/webhook",
      "/stacks/{id}/{action}",
      "/swarm",
      "/swarm/networks",
      "/swarm/networks/{network}",
      "/volumes",
    ]);
    // The policy's shape comes from the same zod schema the service validates with.
    const put = doc.paths["/hosts/{hostId}/policy"]!.put as unknown as {
      requestBody: { content: { "application/json": { schema: { properties: object } } } };
    };
    const body = put.requestBody.content["application/json"].schema.properties as {
      policy: { anyOf: Array<{ properties?: Record<string, unknown> }> };
    };
    const fields = Object.keys(body.policy.anyOf.find((s) => s.properties)?.properties ?? {});
    expect(fields).toEqual(
      expect.arrayContaining(["allowPrivileged", "allowedBindPaths", "allowLanNetworks"]),
    );
    // and a network's from the schema the network service validates with
    const createNetwork = doc.paths["/hosts/{hostId}/networks"]!.post as unknown as {
      requestBody: { content: { "application/json": { schema: { properties: object } } } };
    };
    expect(
      Object.keys(createNetwork.requestBody.content["application/json"].schema.properties),
    ).toEqual(
      expect.arrayContaining(["name", "driver", "parent", "ipvlanMode", "ipam", "enableIPv6"]),
    );
    const query = doc.paths["/containers"]!.get!.parameters!.map((p) => p.name);
    expect(query).toEqual(expect.arrayContaining(["host", "state", "q", "limit", "offset"]));
    // volume creation is described by the schema the service validates with
    const createVolume = doc.paths["/hosts/{hostId}/volumes"]!.post as unknown as {
      requestBody: { content: { "application/json": { schema: { properties: object } } } };
    };
    expect(
      Object.keys(createVolume.requestBody.content["application/json"].schema.properties),
    ).toEqual(expect.arrayContaining(["name", "driver", "driverOpts", "labels"]));
  });
});
