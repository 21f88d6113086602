/**
 * Everything `docker run` can set, through the whole product as a host admin: HTTP API → server
 * → agent → a real 20.10 engine in a simulated host. Each option is checked in the engine's own
 * `docker inspect` (and where it shows, inside the container); Edit and Duplicate rebuild the
 * spec from inspect and must give a container the engine describes the same way; the pull
 * policies are played against a real registry.
 */
import { readdirSync, rmdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specFromInspect } from "@/lib/containers/spec-from-inspect";
import type { EngineInfo, RunSpecInput } from "@/lib/protocol";
import { BUSYBOX_IMAGE, type SimHost } from "../harness/hosts";
import { startRegistry, type TestRegistry } from "../harness/registry";
import type { TestSession } from "../harness/session";
import { startStack, type Stack } from "../harness/stack";

let stack: Stack;
let admin: TestSession;
let host: SimHost;
let hostId: string;
let registry: TestRegistry;
let cgroupParent: string;

/** sh as PID 1 that stops on TERM or QUIT (busybox ignores them as PID 1 otherwise). */
const STOPPABLE = ["sh", "-c", "trap 'exit 0' TERM QUIT; while :; do sleep 1; done"];

type ApiError = { error: { code: string; message: string; field?: string } };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Inspect = any;

async function post(url: string, body: unknown): Promise<Response> {
  return admin.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const run = (spec: RunSpecInput) => post(`/api/hosts/${hostId}/containers`, { spec });

async function runOk(spec: RunSpecInput): Promise<{ id: string; name: string }> {
  const res = await run(spec);
  const body = (await res.json()) as { id: string; name: string } & Partial<ApiError>;
  if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(body)}`);
  return body;
}

async function inspect(ref: string): Promise<Inspect> {
  return JSON.parse((await host.docker(["inspect", ref])).stdout)[0];
}

async function exec(ref: string, script: string): Promise<string> {
  return (await host.docker(["exec", ref, "sh", "-c", script])).stdout;
}

async function engineOf(): Promise<EngineInfo> {
  const res = await admin.fetch(`/api/hosts/${hostId}`);
  return ((await res.json()) as { host: { engine: EngineInfo } }).host.engine;
}

/** Edit and Duplicate in the browser: the spec the form starts from, read from inspect. */
async function specOf(ref: string, keepName: boolean): Promise<RunSpecInput> {
  const res = await admin.fetch(`/api/hosts/${hostId}/containers/${ref}`);
  expect(res.status).toBe(200);
  const { container } = (await res.json()) as { container: { inspect: unknown } };
  const { cgroupVersion, hostname } = await engineOf();
  return specFromInspect(container.inspect, { keepName, engine: { cgroupVersion, hostname } });
}

/** What `docker run` options made of a container, as inspect shows them. */
function optionsOf(i: Inspect) {
  const shortId = (i.Id as string).slice(0, 12);
  const { Config: c, HostConfig: h } = i;
  const hostOptions = Object.fromEntries(
    [
      "Binds",
      "PortBindings",
      "PublishAllPorts",
      "Tmpfs",
      "NetworkMode",
      "RestartPolicy",
      "NanoCpus",
      "CpuShares",
      "CpusetCpus",
      "Memory",
      "MemoryReservation",
      "MemorySwap",
      "PidsLimit",
      "ShmSize",
      "ReadonlyRootfs",
      "Privileged",
      "CapAdd",
      "CapDrop",
      "SecurityOpt",
      "MaskedPaths",
      "ReadonlyPaths",
      "AutoRemove",
      "PidMode",
      "IpcMode",
      "UTSMode",
      "UsernsMode",
      "CgroupnsMode",
      "CgroupParent",
      "GroupAdd",
      "Devices",
      "DeviceRequests",
      "Sysctls",
      "Ulimits",
      "Init",
      "LogConfig",
      "Dns",
      "DnsSearch",
      "DnsOptions",
      "ExtraHosts",
    ].map((key) => [key, h[key]]),
  );
  const networks = Object.fromEntries(
    Object.entries(i.NetworkSettings.Networks as Record<string, Inspect>).map(([name, n]) => [
      name,
      {
        IPAMConfig: n.IPAMConfig,
        Aliases: (n.Aliases ?? []).filter((a: string) => a !== shortId),
      },
    ]),
  );
  return {
    Image: c.Image,
    Hostname: c.Hostname === shortId ? "(id)" : c.Hostname,
    Domainname: c.Domainname,
    User: c.User,
    Env: c.Env,
    Cmd: c.Cmd,
    Labels: c.Labels,
    Tty: c.Tty,
    OpenStdin: c.OpenStdin,
    StopSignal: c.StopSignal,
    StopTimeout: c.StopTimeout,
    MacAddress: c.MacAddress,
    ExposedPorts: c.ExposedPorts,
    host: hostOptions,
    networks,
  };
}

/** Edit: the spec from inspect, recreated; the new container must carry the same options. */
async function editKeepsEverything(name: string): Promise<Inspect> {
  const before = await inspect(name);
  const spec = await specOf(name, true);
  const res = await post(`/api/hosts/${hostId}/containers/${name}/recreate`, { spec });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
  const after = await inspect(name);
  expect(after.Id).not.toBe(before.Id);
  expect(optionsOf(after)).toEqual(optionsOf(before));
  return after;
}

beforeAll(async () => {
  stack = await startStack({ hosts: 1, hostOptions: { insecureRegistries: ["10.99.0.0/16"] } });
  admin = stack.admin;
  host = stack.hosts[0]!;
  hostId = stack.hostIds[0]!;
  cgroupParent = `berth-run-options-${stack.sim.runId}`;
  registry = await startRegistry(stack.sim.gatewayIp, "unused", "unused", "none");
  await host.docker(
    [
      "network",
      "create",
      "--subnet",
      "10.210.0.0/24",
      "--ipv6",
      "--subnet",
      "fd00:210::/64",
    ].concat(["appnet"]),
  );
  await host.docker(["network", "create", "--subnet", "10.211.0.0/24", "backnet"]);
}, 180_000);

afterAll(async () => {
  // Containers go first, so the cgroups under our parent are gone before it is removed.
  const ids = (await host?.docker(["ps", "-aq"]))?.stdout.split("\n").filter(Boolean) ?? [];
  if (ids.length > 0) await host.docker(["rm", "-f", ...ids], { allowFail: true });
  await registry?.stop();
  await stack?.stop();
  for (const controller of readdirSync("/sys/fs/cgroup", { withFileTypes: true })) {
    if (!controller.isDirectory()) continue;
    try {
      rmdirSync(path.join("/sys/fs/cgroup", controller.name, cgroupParent));
    } catch {
      // not made in this controller
    }
  }
});

describe("a container with every docker run option", () => {
  let gateway: string;
  const fullSpec = (): RunSpecInput => ({
    image: BUSYBOX_IMAGE,
    name: "full",
    command: STOPPABLE,
    hostname: "opts",
    domainname: "corp.example",
    interactive: true,
    tty: true,
    ports: [{ containerPort: 80, hostPort: 18181 }],
    expose: [
      { port: 9100, protocol: "tcp" },
      { port: 5353, protocol: "udp" },
    ],
    networks: [
      {
        name: "appnet",
        aliases: ["full-app"],
        ipv4Address: "10.210.0.50",
        ipv6Address: "fd00:210::50",
      },
      { name: "backnet", aliases: ["full-back"], ipv4Address: "10.211.0.50" },
    ],
    macAddress: "02:42:0a:d2:00:32",
    dns: [gateway],
    dnsSearch: ["corp.example"],
    dnsOptions: ["ndots:2"],
    extraHosts: [
      { host: "db", ip: "10.0.0.3" },
      { host: "gw", ip: "host-gateway" },
    ],
    pidMode: "host",
    ipcMode: "shareable",
    usernsMode: "host",
    cgroupnsMode: "private",
    cpuShares: 512,
    cpusetCpus: "0",
    memoryBytes: 64 * 1024 ** 2,
    memoryReservationBytes: 32 * 1024 ** 2,
    memorySwapBytes: 128 * 1024 ** 2,
    shmSizeBytes: 128 * 1024 ** 2,
    ulimits: [
      { name: "nofile", soft: 1024, hard: 2048 },
      { name: "nproc", soft: 500, hard: 500 },
    ],
    noNewPrivileges: true,
    securityOpt: ["seccomp=unconfined", "label=disable", "systempaths=unconfined"],
    capAdd: ["NET_ADMIN"],
    capDrop: ["MKNOD"],
    devices: [
      { hostPath: "/dev/null", containerPath: "/dev/berth-null", permissions: "rw" },
      { hostPath: "/dev/zero", containerPath: "/dev/z", permissions: "r" },
    ],
    sysctls: { "net.core.somaxconn": "1024" },
    cgroupParent,
    groupAdd: ["1001", "2002"],
    init: true,
    stopSignal: "SIGQUIT",
    stopTimeoutSeconds: 3,
    logDriver: "json-file",
    logOptions: { "max-size": "1m", "max-file": "2" },
    platform: "linux/amd64",
    // the image is on the host: "never" must find it (by its encoded name) and go on
    pullPolicy: "never",
    labels: { suite: "run-options" },
  });

  beforeAll(() => {
    gateway = stack.sim.gatewayIp;
  });

  it("reaches the engine: inspect shows each option", async () => {
    await runOk(fullSpec());
    const i = await inspect("full");
    expect(i.State.Running).toBe(true);
    expect(i.Config).toMatchObject({
      Hostname: "opts",
      Domainname: "corp.example",
      Tty: true,
      OpenStdin: true,
      AttachStdin: false,
      StdinOnce: false,
      StopSignal: "SIGQUIT",
      StopTimeout: 3,
      MacAddress: "02:42:0a:d2:00:32",
      ExposedPorts: { "80/tcp": {}, "9100/tcp": {}, "5353/udp": {} },
    });
    expect(i.HostConfig).toMatchObject({
      NetworkMode: "appnet",
      PidMode: "host",
      IpcMode: "shareable",
      UsernsMode: "host",
      CgroupnsMode: "private",
      CpuShares: 512,
      CpusetCpus: "0",
      Memory: 64 * 1024 ** 2,
      MemoryReservation: 32 * 1024 ** 2,
      MemorySwap: 128 * 1024 ** 2,
      ShmSize: 128 * 1024 ** 2,
      Ulimits: [
        { Name: "nofile", Soft: 1024, Hard: 2048 },
        { Name: "nproc", Soft: 500, Hard: 500 },
      ],
      SecurityOpt: ["no-new-privileges:true", "seccomp=unconfined", "label=disable"],
      MaskedPaths: [],
      ReadonlyPaths: [],
      CapAdd: ["NET_ADMIN"],
      CapDrop: ["MKNOD"],
      Devices: [
        { PathOnHost: "/dev/null", PathInContainer: "/dev/berth-null", CgroupPermissions: "rw" },
        { PathOnHost: "/dev/zero", PathInContainer: "/dev/z", CgroupPermissions: "r" },
      ],
      Sysctls: { "net.core.somaxconn": "1024" },
      CgroupParent: cgroupParent,
      GroupAdd: ["1001", "2002"],
      Init: true,
      LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "2" } },
      Dns: [gateway],
      DnsSearch: ["corp.example"],
      DnsOptions: ["ndots:2"],
      ExtraHosts: ["db:10.0.0.3", "gw:host-gateway"],
    });
    const networks = i.NetworkSettings.Networks;
    expect(networks.appnet).toMatchObject({
      IPAMConfig: { IPv4Address: "10.210.0.50", IPv6Address: "fd00:210::50" },
      IPAddress: "10.210.0.50",
      GlobalIPv6Address: "fd00:210::50",
      MacAddress: "02:42:0a:d2:00:32",
    });
    expect(networks.appnet.Aliases).toContain("full-app");
    expect(networks.backnet).toMatchObject({
      IPAMConfig: { IPv4Address: "10.211.0.50" },
      IPAddress: "10.211.0.50",
    });
    expect(networks.backnet.Aliases).toContain("full-back");
  });

  it("takes effect inside the container", async () => {
    const out = await exec(
      "full",
      [
        "cat /proc/sys/net/core/somaxconn",
        "grep 'open files' /proc/self/limits",
        "id -G",
        "hostname",
        "ls /dev/z /dev/berth-null",
        "df -k /dev/shm | tail -1",
        "cat /etc/resolv.conf",
        "grep -w db /etc/hosts",
      ].join("; echo ---; "),
    );
    const [somaxconn, nofile, groups, name, devices, shm, resolv, hosts] = out.split("---\n");
    expect(somaxconn?.trim()).toBe("1024");
    expect(nofile).toMatch(/^Max open files\s+1024\s+2048\s/);
    expect(groups?.trim().split(" ")).toEqual(expect.arrayContaining(["1001", "2002"]));
    expect(name?.trim()).toBe("opts");
    expect(devices?.trim().split("\n")).toEqual(["/dev/berth-null", "/dev/z"]);
    expect(shm?.trim().split(/\s+/)[1]).toBe("131072");
    // on a user-defined network the engine's own resolver answers, forwarding to the DNS given
    expect(resolv).toContain("nameserver 127.0.0.11");
    expect(resolv).toContain("search corp.example");
    expect(resolv).toContain("options ndots:2");
    expect(hosts).toMatch(/^10\.0\.0\.3\s+db$/m);
  });

  it("host namespaces and another container's namespaces reach the engine", async () => {
    await runOk({
      image: BUSYBOX_IMAGE,
      name: "hostns",
      command: STOPPABLE,
      networkMode: "host",
      utsMode: "host",
      ipcMode: "host",
      init: false,
      memoryBytes: 64 * 1024 ** 2,
      memorySwapBytes: -1,
      logDriver: "none",
    });
    const hostns = await inspect("hostns");
    expect(hostns.State.Running).toBe(true);
    expect(hostns.HostConfig).toMatchObject({
      NetworkMode: "host",
      UTSMode: "host",
      IpcMode: "host",
      Init: false,
      MemorySwap: -1,
      LogConfig: { Type: "none" },
    });
    expect((await exec("hostns", "hostname")).trim()).toBe(host.name);

    const full = await inspect("full");
    await runOk({
      image: BUSYBOX_IMAGE,
      name: "sidecar",
      command: STOPPABLE,
      networkMode: "container:full",
      pidMode: "container:full",
      ipcMode: "container:full",
    });
    const sidecar = await inspect("sidecar");
    expect(sidecar.State.Running).toBe(true);
    expect(sidecar.HostConfig).toMatchObject({
      NetworkMode: `container:${full.Id}`,
      PidMode: `container:${full.Id}`,
      IpcMode: `container:${full.Id}`,
    });
    // the same network stack: the sidecar sees full's address
    expect(await exec("sidecar", "ip -4 addr")).toContain("10.210.0.50");
  });

  it("Edit rebuilds each container from inspect with every option kept", async () => {
    await editKeepsEverything("hostns");
    await editKeepsEverything("sidecar");
    // full's address and MAC are held by the old container: it is stopped before the new starts
    await host.docker(["rm", "-f", "sidecar"]);
    const after = await editKeepsEverything("full");
    expect(after.State.Running).toBe(true);
    expect(after.NetworkSettings.Networks.appnet.IPAddress).toBe("10.210.0.50");
    expect((await exec("full", "cat /proc/sys/net/core/somaxconn")).trim()).toBe("1024");
  });

  it("Duplicate makes a second container with every option kept", async () => {
    const original = await inspect("full");
    // the copy wants the same fixed addresses and port, so the original makes room
    await host.docker(["stop", "full"]);
    const spec = await specOf("full", false);
    expect(spec.name).toBeUndefined();
    const copy = await runOk(spec);
    const i = await inspect(copy.id);
    expect(i.State.Running).toBe(true);
    expect(optionsOf(i)).toEqual(optionsOf(original));
    await host.docker(["rm", "-f", copy.id]);
  });
});

describe("GPUs", () => {
  it("sends the GPU request to the engine and passes its refusal on when there is no GPU", async () => {
    await runOk({ image: BUSYBOX_IMAGE, name: "gpu", gpus: { count: "all" }, start: false });
    expect((await inspect("gpu")).HostConfig.DeviceRequests).toEqual([
      { Driver: "", Count: -1, DeviceIDs: null, Capabilities: [["gpu"]], Options: {} },
    ]);
    expect(await specOf("gpu", true)).toMatchObject({ gpus: { count: "all" } });

    const res = await run({
      image: BUSYBOX_IMAGE,
      name: "gpu-started",
      gpus: { deviceIds: ["0"], driver: "nvidia" },
    });
    expect(res.status).toBe(502);
    const { error } = (await res.json()) as ApiError;
    expect(error).toMatchObject({ code: "ENGINE_ERROR", field: "gpus" });
    expect(error.message).toMatch(/could not select device driver "nvidia"/);
    // nothing half-made is left behind
    expect((await host.docker(["inspect", "gpu-started"], { allowFail: true })).code).not.toBe(0);
  });
});

describe("names in Engine API paths", () => {
  it("refuses network and image names that would change the request's path", async () => {
    const networksBefore = (await host.docker(["network", "ls", "-q"])).stdout;
    for (const spec of [
      { image: BUSYBOX_IMAGE, networks: [{ name: "prune?" }] },
      { image: BUSYBOX_IMAGE, networks: [{ name: "../containers/x/pause?" }] },
      { image: "a/../../containers/x/kill" },
    ]) {
      const res = await run(spec);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ApiError).error.code).toBe("BAD_REQUEST");
    }
    expect((await host.docker(["network", "ls", "-q"])).stdout).toBe(networksBefore);
  });
});

describe("pull policies", () => {
  let repository: string;
  let oldId: string;
  let newId: string;

  /** Builds BUSYBOX_IMAGE with a version label under `tag` and pushes it; its image id. */
  async function pushVersion(tag: string, version: string): Promise<string> {
    await host.docker(["build", "-q", "-t", tag, "-"], {
      input: `FROM ${BUSYBOX_IMAGE}\nLABEL version=${version}\n`,
      timeoutMs: 120_000,
    });
    await host.docker(["push", tag], { timeoutMs: 120_000 });
    return (await host.docker(["image", "inspect", "-f", "{{.Id}}", tag])).stdout.trim();
  }

  const imageOf = async (ref: string) => ((await inspect(ref)) as { Image: string }).Image;

  beforeAll(async () => {
    repository = `${registry.host}/berth/app`;
    oldId = await pushVersion(`${repository}:latest`, "1");
    newId = await pushVersion(`${repository}:latest`, "2");
    // the host's tag points at the old image; the registry holds the new one
    await host.docker(["tag", oldId, `${repository}:latest`]);
  });

  it("missing uses the host's image, always pulls the registry's", async () => {
    await runOk({ image: `${repository}:latest`, name: "pull-missing", command: STOPPABLE });
    expect(await imageOf("pull-missing")).toBe(oldId);
    await runOk({
      image: `${repository}:latest`,
      name: "pull-always",
      command: STOPPABLE,
      pullPolicy: "always",
    });
    expect(await imageOf("pull-always")).toBe(newId);
  });

  it("re-pulls on recreate only when asked to", async () => {
    await host.docker(["tag", oldId, `${repository}:latest`]);
    await runOk({ image: `${repository}:latest`, name: "pull-edit", command: STOPPABLE });
    const recreate = (repullOnRecreate: boolean) =>
      post(`/api/hosts/${hostId}/containers/pull-edit/recreate`, {
        spec: { image: `${repository}:latest`, command: STOPPABLE, repullOnRecreate },
      });
    expect((await recreate(false)).status).toBe(200);
    expect(await imageOf("pull-edit")).toBe(oldId);
    expect((await recreate(true)).status).toBe(200);
    expect(await imageOf("pull-edit")).toBe(newId);
  });

  it("never fails clearly without pulling when the host lacks the image", async () => {
    const remoteOnly = `${repository}:remote-only`;
    await host.docker(["tag", newId, remoteOnly]);
    await host.docker(["push", remoteOnly], { timeoutMs: 120_000 });
    await host.docker(["rmi", remoteOnly]);

    const res = await run({ image: remoteOnly, name: "pull-never", pullPolicy: "never" });
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as ApiError;
    expect(error).toMatchObject({ code: "NOT_FOUND", field: "image" });
    expect(error.message).toBe(
      `No such image on this host: ${remoteOnly}. The pull policy "never" does not pull it: pull the image first or choose another pull policy.`,
    );
    expect(
      (await host.docker(["image", "inspect", remoteOnly], { allowFail: true })).code,
    ).not.toBe(0);
    expect((await host.docker(["inspect", "pull-never"], { allowFail: true })).code).not.toBe(0);

    // the same image with "missing" is pulled
    await runOk({ image: remoteOnly, name: "pull-missing-2", command: STOPPABLE });
    expect(await imageOf("pull-missing-2")).toBe(newId);
  });

  it("counts an image of another platform as missing", async () => {
    const res = await run({ image: BUSYBOX_IMAGE, platform: "linux/arm64", pullPolicy: "never" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ApiError).error.message).toMatch(
      new RegExp(`^No such image on this host: ${BUSYBOX_IMAGE} for linux/arm64\\.`),
    );
  });
});
