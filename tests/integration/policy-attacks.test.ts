/**
 * The host security policy against the escapes a deployer (or an operator) would try, through
 * the whole product: HTTP → server gate → agent → a real engine in a simulated host. Each escape
 * must be refused with its rule next to its field, audited as DENIED, and leave no container;
 * the same spec must pass for a host admin (except the agent's protected paths) and once the
 * host's policy allows it.
 */
import { lstat, mkdir, mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  UiEvents,
  type AgentCommandReply,
  type HostSecurityPolicyInput,
  type PolicyViolation,
} from "@/lib/protocol";
import type { CommandContext } from "../../agent/src/engine/command-types";
import { dispatchCommand } from "../../agent/src/engine/dispatch";
import { commandRegistry } from "../../agent/src/engine/registry";
import { ProtectedPaths } from "../../agent/src/policy/protected-paths";
import { AGENT_BUNDLE } from "../harness/agent";
import { BUSYBOX_IMAGE, type SimHost } from "../harness/hosts";
import type { UiSocket } from "@/components/ui/use-ui-socket";
import type { TestSession } from "../harness/session";
import {
  connected,
  createUserSession,
  request,
  startStack,
  waitFor,
  type Stack,
} from "../harness/stack";

type Role = "OPERATOR" | "DEPLOYER" | "HOST_ADMIN";
type ErrorBody = {
  error: { code: string; message: string; field?: string; violations?: PolicyViolation[] };
};
type Attack = {
  key: string;
  spec: () => Record<string, unknown>;
  /** The rule and field the strict default refuses it with. */
  rule: string;
  field: string;
  /** Refused for host admins too, unless the policy allows protected paths. */
  protectedPath?: boolean;
  /** The engine in this sandbox cannot run it even when Berth lets it through. */
  engineMayRefuse?: boolean;
};

let stack: Stack;
let host: SimHost;
let hostId: string;
const sessions = new Map<Role, TestSession>();
let scratch: string;
let allowed: string;
let engineRoot: string;

async function db() {
  return (await import("@/lib/db")).db;
}

const ATTACKS: Attack[] = [
  {
    key: "cap-sys-admin",
    spec: () => ({ capAdd: ["SYS_ADMIN"] }),
    rule: "capabilities",
    field: "capAdd",
  },
  {
    key: "privileged",
    spec: () => ({ privileged: true }),
    rule: "privileged",
    field: "privileged",
    engineMayRefuse: true,
  },
  {
    key: "net-host",
    spec: () => ({ networkMode: "host" }),
    rule: "hostNamespace",
    field: "networkMode",
  },
  {
    key: "net-container",
    spec: () => ({ networkMode: "container:victim" }),
    rule: "containerNamespace",
    field: "networkMode",
  },
  { key: "pid-host", spec: () => ({ pidMode: "host" }), rule: "hostNamespace", field: "pidMode" },
  { key: "ipc-host", spec: () => ({ ipcMode: "host" }), rule: "hostNamespace", field: "ipcMode" },
  { key: "uts-host", spec: () => ({ utsMode: "host" }), rule: "hostNamespace", field: "utsMode" },
  {
    key: "userns-host",
    spec: () => ({ usernsMode: "host" }),
    rule: "hostNamespace",
    field: "usernsMode",
  },
  {
    key: "device",
    spec: () => ({ devices: [{ hostPath: "/dev/zero" }] }),
    rule: "devices",
    field: "devices",
  },
  {
    key: "gpus",
    spec: () => ({ gpus: { count: "all" } }),
    rule: "gpus",
    field: "gpus",
    engineMayRefuse: true,
  },
  {
    key: "sysctl",
    spec: () => ({ sysctls: { "net.ipv4.ip_forward": "1" } }),
    rule: "sysctls",
    field: "sysctls",
  },
  {
    key: "seccomp",
    spec: () => ({ securityOpt: ["seccomp=unconfined"] }),
    rule: "securityOptions",
    field: "securityOpt",
  },
  {
    key: "apparmor",
    spec: () => ({ securityOpt: ["apparmor=unconfined"] }),
    rule: "securityOptions",
    field: "securityOpt",
  },
  {
    key: "cgroup-parent",
    spec: () => ({ cgroupParent: "/berth-attack" }),
    rule: "cgroupParent",
    field: "cgroupParent",
  },
  {
    key: "bind-root",
    spec: () => bind("/"),
    rule: "hostPath",
    field: "binds.0.source",
    protectedPath: true,
  },
  { key: "bind-etc", spec: () => bind("/etc"), rule: "hostPath", field: "binds.0.source" },
  {
    key: "bind-docker-socket",
    spec: () => bind(host.dockerSocket),
    rule: "hostPath",
    field: "binds.0.source",
    protectedPath: true,
  },
  {
    key: "bind-engine-root",
    spec: () => bind(engineRoot),
    rule: "hostPath",
    field: "binds.0.source",
    protectedPath: true,
  },
  {
    key: "bind-berth-data",
    spec: () => bind(stack.server.dataDir),
    rule: "hostPath",
    field: "binds.0.source",
    protectedPath: true,
  },
  {
    key: "bind-agent-state",
    spec: () => bind(path.join(stack.stateDir, `${host.name}.json`)),
    rule: "hostPath",
    field: "binds.0.source",
    protectedPath: true,
  },
  {
    key: "bind-agent-install",
    spec: () => bind(path.dirname(AGENT_BUNDLE)),
    rule: "hostPath",
    field: "binds.0.source",
    protectedPath: true,
  },
  {
    key: "bind-planted-symlink",
    spec: () => bind(`${allowed}/escape`),
    rule: "hostPath",
    field: "binds.0.source",
    protectedPath: true,
  },
  {
    key: "bind-dot-dot",
    spec: () => bind(`${allowed}/../../../etc`),
    rule: "hostPath",
    field: "binds.0.source",
  },
  {
    key: "volume-bind-root",
    spec: () => ({ volumes: [{ name: "atk-rootfs", target: "/host" }] }),
    rule: "hostPath",
    field: "volumes.0.name",
    protectedPath: true,
  },
];

function bind(source: string) {
  return { binds: [{ source, target: "/host", readOnly: true }] };
}

async function create(role: Role, name: string, spec: Record<string, unknown>) {
  const res = await sessions.get(role)!.fetch(`/api/hosts/${hostId}/containers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      spec: { image: BUSYBOX_IMAGE, name, command: ["sleep", "600"], ...spec },
    }),
  });
  return { status: res.status, body: (await res.json()) as Partial<ErrorBody> };
}

async function setPolicy(policy: HostSecurityPolicyInput | null, session = stack.admin) {
  const res = await session.fetch(`/api/hosts/${hostId}/policy`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ policy }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function containerExists(name: string): Promise<boolean> {
  const out = await host.docker([
    "ps",
    "-a",
    "--filter",
    `name=^/${name}$`,
    "--format",
    "{{.Names}}",
  ]);
  return out.stdout.trim() === name;
}

async function removeContainer(name: string): Promise<void> {
  await host.docker(["rm", "-f", name], { allowFail: true });
}

async function deniedAudit(name: string) {
  return (await db()).auditEvent.findFirst({
    where: { action: "container.create", target: name, outcome: "DENIED" },
  });
}

/** Refused by the policy with the attack's rule on its field, audited, nothing on the host. */
async function expectRefused(
  role: Role,
  name: string,
  attack: Attack,
  rules: string[],
): Promise<ErrorBody> {
  const { status, body } = await create(role, name, attack.spec());
  expect(status, `${name}: ${JSON.stringify(body)}`).toBe(403);
  const violations = body.error?.violations ?? [];
  expect(violations.map((v) => v.rule).sort(), name).toEqual([...rules].sort());
  expect(
    violations.every((v) => v.field === attack.field),
    name,
  ).toBe(true);
  expect(body.error?.field).toBe(attack.field);
  expect(body.error?.message).toBe(
    violations.length > 1
      ? `${violations[0]!.message} ${violations.length - 1} more ${violations.length === 2 ? "setting is" : "settings are"} refused too.`
      : violations[0]!.message,
  );
  const row = await deniedAudit(name);
  expect(row?.error, name).toContain(
    `[policy: ${[...new Set(violations.map((v) => v.rule))].join(", ")}]`,
  );
  expect(await containerExists(name), name).toBe(false);
  return body as ErrorBody;
}

/** Let through by the policy: created, or refused by this sandbox's engine only. */
async function expectAllowed(role: Role, name: string, attack: Attack) {
  const { status, body } = await create(role, name, { ...attack.spec(), start: false });
  if (attack.engineMayRefuse && status === 502) {
    expect(body.error?.code).toBe("ENGINE_ERROR");
  } else {
    expect(status, `${name}: ${JSON.stringify(body)}`).toBe(201);
    expect(await containerExists(name), name).toBe(true);
  }
  await removeContainer(name);
}

beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
  host = stack.hosts[0]!;
  hostId = stack.hostIds[0]!;
  for (const role of ["OPERATOR", "DEPLOYER", "HOST_ADMIN"] as const) {
    const { session } = await createUserSession(stack, `${role.toLowerCase()}@example.test`, [
      { hostId, role },
    ]);
    sessions.set(role, session);
  }
  scratch = await realpath(await mkdtemp(path.join(os.tmpdir(), "berth-policy-")));
  allowed = path.join(scratch, "allowed");
  await mkdir(path.join(allowed, "sub"), { recursive: true });
  engineRoot = (await host.docker(["info", "--format", "{{.DockerRootDir}}"])).stdout.trim();
  await host.docker(["run", "-d", "--name", "victim", BUSYBOX_IMAGE, "sleep", "600"]);
  await host.docker([
    "volume",
    "create",
    "-d",
    "local",
    "-o",
    "type=none",
    "-o",
    "o=bind",
    "-o",
    "device=/",
    "atk-rootfs",
  ]);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("escapes a deployer tries (the policy allows one directory)", () => {
  it("a deployer may bind a directory the policy allows, and plants a symlink there that leads to /", async () => {
    await setPolicy({ allowedBindPaths: [allowed] });
    const { status, body } = await create("DEPLOYER", "atk-plant", {
      binds: [{ source: allowed, target: "/data" }],
      command: ["ln", "-s", "/", "/data/escape"],
    });
    expect(status, JSON.stringify(body)).toBe(201);
    await waitFor("the planted symlink", async () =>
      (await lstat(`${allowed}/escape`).catch(() => null))?.isSymbolicLink(),
    );
    await removeContainer("atk-plant");
  });

  it("refuses every escape for a deployer with its rule, audited, leaving no container", async () => {
    // the planted symlink and `..` lead out of the one allowed directory; the rest is refused by
    // the strict default
    for (const attack of ATTACKS) {
      const rules = attack.protectedPath ? [attack.rule, "protectedPath"] : [attack.rule];
      await expectRefused("DEPLOYER", `atk-deployer-${attack.key}`, attack, rules);
    }
  });

  it("refuses host networking asked for as a network named host, for every role, before any policy", async () => {
    for (const role of ["DEPLOYER", "HOST_ADMIN"] as const) {
      const name = `atk-${role.toLowerCase()}-net-named-host`;
      const { status, body } = await create(role, name, { networks: [{ name: "host" }] });
      expect(status, name).toBe(400);
      expect(body.error).toEqual({
        code: "BAD_REQUEST",
        message:
          "networks.0.name: host and none are network modes (networkMode), not networks to join.",
        field: "networks",
      });
      expect(await containerExists(name), name).toBe(false);
    }
  });

  it("refuses every escape for an operator, who may not create containers at all", async () => {
    for (const attack of ATTACKS) {
      const name = `atk-operator-${attack.key}`;
      const { status, body } = await create("OPERATOR", name, attack.spec());
      expect(status, name).toBe(403);
      expect(body.error?.message).toMatch(/cannot create containers; it needs DEPLOYER/);
      expect(await deniedAudit(name), name).not.toBeNull();
      expect(await containerExists(name), name).toBe(false);
    }
  });

  it("lets a host admin do all of it, except binding the agent's protected paths", async () => {
    for (const attack of ATTACKS) {
      const name = `atk-admin-${attack.key}`;
      if (attack.protectedPath) {
        const body = await expectRefused("HOST_ADMIN", name, attack, ["protectedPath"]);
        expect(body.error.message).toMatch(/refused whatever the role/);
        expect(body.error.message).toContain('"Allow binding protected paths"');
      } else {
        await expectAllowed("HOST_ADMIN", name, attack);
      }
    }
  });

  it("refuses an edit that gives an existing container powers, and keeps the container", async () => {
    const before = (await host.docker(["inspect", "--format", "{{.Id}}", "victim"])).stdout.trim();
    const res = await sessions
      .get("DEPLOYER")!
      .fetch(`/api/hosts/${hostId}/containers/victim/recreate`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          spec: {
            image: BUSYBOX_IMAGE,
            command: ["sleep", "600"],
            capAdd: ["SYS_ADMIN"],
            pidMode: "host",
          },
        }),
      });
    expect(res.status).toBe(403);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.violations?.map((v) => [v.rule, v.field])).toEqual([
      ["capabilities", "capAdd"],
      ["hostNamespace", "pidMode"],
    ]);
    const row = await (
      await db()
    ).auditEvent.findFirst({
      where: { action: "container.recreate", target: "victim", outcome: "DENIED" },
    });
    expect(row?.error).toContain("[policy: capabilities, hostNamespace]");
    const after = (await host.docker(["inspect", "--format", "{{.Id}}", "victim"])).stdout.trim();
    expect(after).toBe(before);
  });
});

describe("when the host's policy allows them", () => {
  const EVERYTHING: HostSecurityPolicyInput = {
    allowPrivileged: true,
    allowedCapabilities: ["ALL"],
    hostNamespaces: ["network", "pid", "ipc", "uts", "userns", "cgroupns"],
    allowContainerNamespaces: true,
    allowedDevices: ["/dev"],
    allowGpus: true,
    allowedSysctls: ["net.*"],
    allowSecurityOptions: true,
    allowCgroupParent: true,
    allowedBindPaths: ["/"],
  };

  it("a deployer runs each of them, but not the protected paths", async () => {
    await setPolicy(EVERYTHING);
    for (const attack of ATTACKS) {
      const name = `atk-allowed-${attack.key}`;
      if (attack.protectedPath) await expectRefused("DEPLOYER", name, attack, ["protectedPath"]);
      else await expectAllowed("DEPLOYER", name, attack);
    }
  });

  it("the protected paths too, once the host admin allows them explicitly", async () => {
    await setPolicy({ ...EVERYTHING, allowProtectedPaths: true });
    for (const attack of ATTACKS.filter((a) => a.protectedPath)) {
      await expectAllowed("DEPLOYER", `atk-protected-${attack.key}`, attack);
    }
  });

  it("creates the container with the path the host resolved, not the one written", async () => {
    await setPolicy({ allowedBindPaths: [allowed] });
    await host.docker([
      "run",
      "--rm",
      "-v",
      `${allowed}:/data`,
      BUSYBOX_IMAGE,
      "ln",
      "-s",
      "/data/sub",
      "/data/inner",
    ]);
    // the link's target exists only inside that container: on the host it leads nowhere real
    const refused = await create("DEPLOYER", "atk-inner", bind(`${allowed}/inner`));
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toContain(`${allowed}/inner (/data/sub on the host)`);

    const { status } = await create("DEPLOYER", "atk-real", bind(`${allowed}/./sub/`));
    expect(status).toBe(201);
    const mounts = JSON.parse(
      (await host.docker(["inspect", "--format", "{{json .HostConfig.Mounts}}", "atk-real"]))
        .stdout,
    ) as Array<{ Source: string }>;
    expect(mounts.map((m) => m.Source)).toEqual([`${allowed}/sub`]);
    await removeContainer("atk-real");
  });

  it("a group's policy narrows the host's: a container must pass both", async () => {
    await setPolicy({ allowedCapabilities: ["NET_ADMIN", "SYS_TIME"] });
    const group = await (
      await db()
    ).hostGroup.create({
      data: { name: "policy-group", hosts: { create: { hostId } } },
    });
    const res = await stack.admin.fetch(`/api/host-groups/${group.id}/policy`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ policy: { allowedCapabilities: ["NET_ADMIN"] } }),
    });
    expect(res.status).toBe(200);
    const view = (await (
      await sessions.get("DEPLOYER")!.fetch(`/api/hosts/${hostId}/policy`)
    ).json()) as {
      effective: { allowedCapabilities: string[] };
      groups: Array<{ name: string }>;
      canEdit: boolean;
    };
    expect(view.effective.allowedCapabilities).toEqual(["NET_ADMIN"]);
    expect(view.groups.map((g) => g.name)).toEqual(["policy-group"]);
    expect(view.canEdit).toBe(false);

    const refused = await create("DEPLOYER", "atk-group-time", { capAdd: ["SYS_TIME"] });
    expect(refused.body.error?.violations?.map((v) => v.rule)).toEqual(["capabilities"]);
    expect(
      (await create("DEPLOYER", "atk-group-net", { capAdd: ["NET_ADMIN"], start: false })).status,
    ).toBe(201);
    await removeContainer("atk-group-net");
    await (await db()).hostGroup.delete({ where: { id: group.id } });
    await setPolicy(null);
  });

  it("audits each policy change with the values before and after", async () => {
    const rows = await (
      await db()
    ).auditEvent.findMany({
      where: { action: "policy.update", hostId, outcome: "SUCCESS" },
      orderBy: { id: "asc" },
    });
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const last = rows.at(-1)!.params as { before: { allowedCapabilities: string[] }; after: null };
    expect(last.before.allowedCapabilities).toEqual(["NET_ADMIN", "SYS_TIME"]);
    expect(last.after).toBeNull();
    // a deployer cannot change it
    const res = await sessions.get("DEPLOYER")!.fetch(`/api/hosts/${hostId}/policy`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ policy: { allowPrivileged: true } }),
    });
    expect(res.status).toBe(403);
    expect(
      await (
        await db()
      ).auditEvent.count({ where: { action: "policy.update", outcome: "DENIED" } }),
    ).toBe(1);
  });
});

describe("exec and export follow the container's power", () => {
  let sockets: Map<Role, UiSocket>;

  beforeAll(async () => {
    await setPolicy(null);
    // made on the host by someone allowed to: a root bind, an added capability, a privileged one
    await host.docker([
      "run",
      "-d",
      "--name",
      "power-bind",
      "-v",
      "/:/host:ro",
      BUSYBOX_IMAGE,
      "sleep",
      "600",
    ]);
    await host.docker([
      "run",
      "-d",
      "--name",
      "power-caps",
      "--cap-add",
      "SYS_ADMIN",
      BUSYBOX_IMAGE,
      "sleep",
      "600",
    ]);
    await host.docker([
      "run",
      "-d",
      "--name",
      "power-pid",
      "--pid",
      "host",
      BUSYBOX_IMAGE,
      "sleep",
      "600",
    ]);
    await host.docker(["create", "--name", "power-priv", "--privileged", BUSYBOX_IMAGE, "true"]);
    sockets = new Map();
    for (const role of ["OPERATOR", "HOST_ADMIN"] as const) {
      sockets.set(role, await connected(sessions.get(role)!.uiSocket()));
    }
  });

  afterAll(() => {
    for (const socket of sockets.values()) socket.close();
  });

  async function exec(role: Role, id: string) {
    const reply = await request(sockets.get(role)!, UiEvents.execStart, {
      hostId,
      id,
      cmd: ["true"],
      cols: 80,
      rows: 24,
    });
    if (reply.ok) sockets.get(role)!.emit(UiEvents.execClose, { sessionId: reply.sessionId });
    return reply;
  }

  async function exportTar(role: Role, id: string) {
    const res = await sessions.get(role)!.fetch(`/api/hosts/${hostId}/containers/${id}/export`);
    const body = res.ok ? null : ((await res.json()) as ErrorBody);
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status, body };
  }

  it("refuses an operator a terminal in a container with host powers, with the rule, audited", async () => {
    for (const [id, rule] of [
      ["power-bind", "hostPath"],
      ["power-caps", "capabilities"],
      ["power-pid", "hostNamespace"],
    ] as const) {
      const reply = await exec("OPERATOR", id);
      if (reply.ok) expect.unreachable(`${id}: the terminal opened`);
      expect(reply.error.code).toBe("FORBIDDEN");
      expect(reply.error.message).toContain(`refused by the host's security policy: ${rule}`);
      const row = await (
        await db()
      ).auditEvent.findFirst({
        where: { action: "container.exec", target: id, outcome: "DENIED" },
      });
      expect(row?.error, id).toContain(rule);
    }
    expect((await exec("OPERATOR", "victim")).ok).toBe(true);
  });

  it("refuses an operator the export of a privileged or host-bound container, audited", async () => {
    for (const [id, rule] of [
      ["power-priv", "privileged"],
      ["power-bind", "hostPath"],
    ] as const) {
      const { status, body } = await exportTar("OPERATOR", id);
      expect(status, id).toBe(403);
      expect(body?.error.violations?.map((v) => v.rule)).toContain(rule);
      const row = await (
        await db()
      ).auditEvent.findFirst({
        where: { action: "container.export", target: id, outcome: "DENIED" },
      });
      expect(row?.error, id).toContain(`[policy: ${rule}`);
    }
    expect((await exportTar("OPERATOR", "victim")).status).toBe(200);
  });

  it("lets a host admin exec into and export them", async () => {
    for (const id of ["power-bind", "power-caps", "power-pid"]) {
      expect((await exec("HOST_ADMIN", id)).ok, id).toBe(true);
    }
    for (const id of ["power-priv", "power-bind"]) {
      expect((await exportTar("HOST_ADMIN", id)).status, id).toBe(200);
    }
  });

  it("lets an operator in once the policy allows what the container has", async () => {
    await setPolicy({ allowedCapabilities: ["SYS_ADMIN"], hostNamespaces: ["pid"] });
    expect((await exec("OPERATOR", "power-caps")).ok).toBe(true);
    expect((await exec("OPERATOR", "power-pid")).ok).toBe(true);
    expect((await exec("OPERATOR", "power-bind")).ok).toBe(false);
    await setPolicy(null);
  });
});

describe("the agent's own line", () => {
  let ctx: CommandContext;

  beforeAll(() => {
    const docker = new Docker({ socketPath: host.dockerSocket });
    const protectedPaths = new ProtectedPaths(
      {
        statePath: "/var/lib/berth-agent/state.json",
        installDir: "/opt/berth-agent",
        dockerSocket: host.dockerSocket,
        extra: [],
      },
      docker,
    );
    ctx = { docker, socketPath: host.dockerSocket, protectedPaths };
  });

  const createOnAgent = (binds: unknown[], extra: Record<string, unknown> = {}) =>
    dispatchCommand(
      {
        command: "container.create",
        params: {
          spec: { image: BUSYBOX_IMAGE, name: "agent-line", binds, start: false },
          ...extra,
        },
      },
      commandRegistry,
      ctx,
    ) as Promise<AgentCommandReply>;

  it("refuses the engine's socket and data root whoever asks, unless told the policy allows it", async () => {
    for (const source of [host.dockerSocket, engineRoot, path.dirname(engineRoot)]) {
      const reply = await createOnAgent([{ source, target: "/x" }]);
      expect(reply.ok, source).toBe(false);
      if (reply.ok) continue;
      expect(reply.error.code).toBe("FORBIDDEN");
      expect(reply.error.violations?.map((v) => [v.rule, v.field])).toEqual([
        ["protectedPath", "binds.0.source"],
      ]);
      expect(reply.error.message).toContain(source);
      expect(await containerExists("agent-line")).toBe(false);
    }
    const volume = await dispatchCommand(
      {
        command: "container.create",
        params: {
          spec: {
            image: BUSYBOX_IMAGE,
            name: "agent-line",
            volumes: [{ name: "atk-rootfs", target: "/h" }],
            start: false,
          },
        },
      },
      commandRegistry,
      ctx,
    );
    expect(volume.ok).toBe(false);
    const allowedReply = await createOnAgent([{ source: host.dockerSocket, target: "/x" }], {
      allowProtectedPaths: true,
    });
    expect(allowedReply.ok).toBe(true);
    await removeContainer("agent-line");
  });

  it("refuses a bind whose path changed since the server resolved it", async () => {
    // the server sends resolved paths; one that now leads elsewhere had a symlink swapped in
    await symlink("/etc", path.join(allowed, "swapped"));
    const reply = await createOnAgent([{ source: path.join(allowed, "swapped"), target: "/x" }]);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe("CONFLICT");
      expect(reply.error.message).toContain(
        "changed while it was being checked (it now leads to /etc)",
      );
    }
    expect(await containerExists("agent-line")).toBe(false);
  });
});
