import { describe, expect, it } from "vitest";
import { specFromInspect } from "@/lib/containers/spec-from-inspect";
import { RunSpecSchema, type RunSpecInput } from "@/lib/protocol";
import {
  runSpecToCreateBody,
  type CreateBody,
  type ExtraNetwork,
} from "../../agent/src/engine/run-spec-body";

const ID = "3f4e8a9b1c2d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f";

/** Shaped like `docker inspect` of `docker run` with most flags set. */
function fullInspect(): Record<string, unknown> {
  return {
    Id: ID,
    Name: "/web",
    Image: "sha256:abc",
    Config: {
      Hostname: "web-host",
      Domainname: "corp.example",
      User: "1000:1000",
      Tty: true,
      OpenStdin: true,
      StopSignal: "SIGQUIT",
      StopTimeout: 20,
      MacAddress: "02:42:ac:14:00:05",
      ExposedPorts: { "80/tcp": {}, "443/tcp": {}, "53/udp": {}, "9000/tcp": {}, "9100/tcp": {} },
      Env: [
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "DB_PASSWORD=••••••",
        "MODE=prod",
        "EMPTY=",
        "EQ=a=b",
      ],
      Cmd: ["nginx", "-g", "daemon off;"],
      Entrypoint: ["/docker-entrypoint.sh"],
      Image: "nginx:1.27-alpine",
      WorkingDir: "/srv",
      Labels: { maintainer: "NGINX", app: "web", tier: "front" },
      Healthcheck: {
        Test: ["CMD-SHELL", "wget -qO- http://localhost/ || exit 1"],
        Interval: 30_000_000_000,
        Timeout: 5_000_000_000,
        StartPeriod: 10_000_000_000,
        Retries: 3,
      },
    },
    HostConfig: {
      Binds: ["/srv/www:/usr/share/nginx/html:ro", "webdata:/data", "/etc/ssl:/etc/ssl:ro,Z"],
      PortBindings: {
        "80/tcp": [{ HostIp: "", HostPort: "8080" }],
        "443/tcp": [{ HostIp: "127.0.0.1", HostPort: "8443" }],
        "53/udp": [{ HostIp: "", HostPort: "" }],
        "9000/tcp": null,
      },
      PublishAllPorts: false,
      RestartPolicy: { Name: "on-failure", MaximumRetryCount: 5 },
      NetworkMode: "appnet",
      AutoRemove: false,
      Privileged: true,
      ReadonlyRootfs: true,
      CapAdd: ["NET_ADMIN"],
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges:true", "label:disable", "seccomp=unconfined"],
      Tmpfs: { "/run": "rw,size=64m", "/tmp": "" },
      NanoCpus: 1_500_000_000,
      Memory: 536_870_912,
      MemorySwap: 2 * 536_870_912,
      MemoryReservation: 268_435_456,
      CpuShares: 512,
      CpusetCpus: "0-1",
      PidsLimit: 200,
      ShmSize: 134_217_728,
      Ulimits: [{ Name: "nofile", Soft: 1024, Hard: 2048 }],
      PidMode: "host",
      IpcMode: "shareable",
      UTSMode: "",
      UsernsMode: "host",
      CgroupnsMode: "private",
      Devices: [
        { PathOnHost: "/dev/null", PathInContainer: "/dev/null", CgroupPermissions: "rwm" },
        { PathOnHost: "/dev/zero", PathInContainer: "/dev/z", CgroupPermissions: "r" },
      ],
      DeviceRequests: [
        { Driver: "", Count: -1, DeviceIDs: null, Capabilities: [["gpu"]], Options: {} },
      ],
      Sysctls: { "net.core.somaxconn": "1024" },
      CgroupParent: "/berth",
      GroupAdd: ["audio"],
      Init: true,
      LogConfig: { Type: "json-file", Config: { "max-size": "10m" } },
      Dns: ["10.0.0.2"],
      DnsSearch: ["corp.example"],
      DnsOptions: ["ndots:2"],
      ExtraHosts: ["db:10.0.0.3", "v6:fd00::3"],
      MaskedPaths: ["/proc/kcore"],
      ReadonlyPaths: ["/proc/sys"],
      Mounts: [
        { Type: "volume", Source: "cache", Target: "/cache", ReadOnly: true },
        { Type: "bind", Source: "/var/log/web", Target: "/var/log/nginx" },
        { Type: "tmpfs", Target: "/scratch", TmpfsOptions: { SizeBytes: 1048576, Mode: 0o1777 } },
        { Type: "volume", Target: "/anon" },
      ],
    },
    NetworkSettings: {
      Networks: {
        backend: { Aliases: ["api", ID.slice(0, 12)], IPAMConfig: null },
        appnet: {
          Aliases: ["web", "www"],
          IPAMConfig: { IPv4Address: "172.20.0.5", IPv6Address: "fd00::5" },
        },
      },
    },
    Mounts: [{ Type: "volume", Name: "0123456789abcdef", Destination: "/var/cache/nginx" }],
  };
}

describe("specFromInspect", () => {
  it("carries over every run flag", () => {
    const spec = specFromInspect(fullInspect(), { keepName: true });
    expect(spec).toEqual({
      image: "nginx:1.27-alpine",
      name: "web",
      command: ["nginx", "-g", "daemon off;"],
      entrypoint: ["/docker-entrypoint.sh"],
      workingDir: "/srv",
      user: "1000:1000",
      hostname: "web-host",
      domainname: "corp.example",
      env: [
        { key: "PATH", value: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
        { key: "DB_PASSWORD", value: "••••••" },
        { key: "MODE", value: "prod" },
        { key: "EMPTY", value: "" },
        { key: "EQ", value: "a=b" },
      ],
      ports: [
        { containerPort: 53, protocol: "udp" },
        { containerPort: 80, hostPort: 8080, protocol: "tcp" },
        { hostIp: "127.0.0.1", containerPort: 443, hostPort: 8443, protocol: "tcp" },
      ],
      publishAll: false,
      // 80/tcp, 443/tcp and 53/udp are published; 9000/tcp has a null binding list
      expose: [{ port: 9100, protocol: "tcp" }],
      volumes: [
        { name: "webdata", target: "/data", readOnly: false },
        { name: "cache", target: "/cache", readOnly: true },
      ],
      binds: [
        { source: "/srv/www", target: "/usr/share/nginx/html", readOnly: true },
        { source: "/etc/ssl", target: "/etc/ssl", readOnly: true },
        { source: "/var/log/web", target: "/var/log/nginx", readOnly: false },
      ],
      tmpfs: [
        { target: "/scratch", options: "size=1048576,mode=1777" },
        { target: "/run", options: "rw,size=64m" },
        { target: "/tmp" },
      ],
      networks: [
        // The container's own name resolves anyway; the engine lists it among the aliases.
        {
          name: "appnet",
          aliases: ["www"],
          ipv4Address: "172.20.0.5",
          ipv6Address: "fd00::5",
        },
        { name: "backend", aliases: ["api"] },
      ],
      macAddress: "02:42:ac:14:00:05",
      dns: ["10.0.0.2"],
      dnsSearch: ["corp.example"],
      dnsOptions: ["ndots:2"],
      extraHosts: [
        { host: "db", ip: "10.0.0.3" },
        { host: "v6", ip: "fd00::3" },
      ],
      pidMode: "host",
      ipcMode: "shareable",
      usernsMode: "host",
      restartPolicy: { name: "on-failure", maxRetries: 5 },
      cpus: 1.5,
      memoryBytes: 536_870_912,
      pidsLimit: 200,
      cpuShares: 512,
      cpusetCpus: "0-1",
      memoryReservationBytes: 268_435_456,
      shmSizeBytes: 134_217_728,
      ulimits: [{ name: "nofile", soft: 1024, hard: 2048 }],
      readOnlyRootfs: true,
      privileged: true,
      capAdd: ["NET_ADMIN"],
      capDrop: ["ALL"],
      noNewPrivileges: true,
      securityOpt: ["label=disable", "seccomp=unconfined"],
      devices: [
        { hostPath: "/dev/null", permissions: "rwm" },
        { hostPath: "/dev/zero", containerPath: "/dev/z", permissions: "r" },
      ],
      gpus: { count: "all", capabilities: ["gpu"] },
      sysctls: { "net.core.somaxconn": "1024" },
      cgroupParent: "/berth",
      groupAdd: ["audio"],
      init: true,
      stopSignal: "SIGQUIT",
      stopTimeoutSeconds: 20,
      logDriver: "json-file",
      logOptions: { "max-size": "10m" },
      interactive: true,
      tty: true,
      labels: { maintainer: "NGINX", app: "web", tier: "front" },
      healthcheck: {
        test: ["CMD-SHELL", "wget -qO- http://localhost/ || exit 1"],
        intervalSeconds: 30,
        timeoutSeconds: 5,
        startPeriodSeconds: 10,
        retries: 3,
      },
      autoRemove: false,
      start: true,
    });
    expect(RunSpecSchema.safeParse(spec).success).toBe(true);
  });

  it("leaves the name out for a duplicate", () => {
    expect(specFromInspect(fullInspect()).name).toBeUndefined();
  });

  it("drops what the image sets and fills real secret values", () => {
    const spec = specFromInspect(fullInspect(), {
      image: {
        Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        Cmd: ["nginx", "-g", "daemon off;"],
        Entrypoint: ["/docker-entrypoint.sh"],
        WorkingDir: "/srv",
        Labels: { maintainer: "NGINX" },
      },
      env: [
        { name: "DB_PASSWORD", value: "hunter2" },
        { name: "MODE", value: null },
      ],
    });
    expect(spec.command).toBeUndefined();
    expect(spec.entrypoint).toBeUndefined();
    expect(spec.workingDir).toBeUndefined();
    expect(spec.labels).toEqual({ app: "web", tier: "front" });
    expect(spec.env).toEqual([
      { key: "DB_PASSWORD", value: "hunter2" },
      { key: "MODE", value: "prod" },
      { key: "EMPTY", value: "" },
      { key: "EQ", value: "a=b" },
    ]);
  });

  it("keeps a minimal container minimal, leaving out what the engine fills in itself", () => {
    // `docker run alpine` on a 20.10 engine with cgroup v1, as inspect shows it
    const spec = specFromInspect(
      {
        Id: ID,
        Name: "/quiet_turing",
        Config: {
          Hostname: ID.slice(0, 12),
          Domainname: "",
          Image: "alpine",
          Cmd: null,
          Env: null,
          Labels: null,
          Tty: false,
          OpenStdin: false,
          StopSignal: "",
        },
        HostConfig: {
          NetworkMode: "bridge",
          RestartPolicy: { Name: "", MaximumRetryCount: 0 },
          PidsLimit: null,
          Memory: 0,
          MemorySwap: 0,
          NanoCpus: 0,
          CpuShares: 0,
          SecurityOpt: null,
          IpcMode: "private",
          PidMode: "",
          UTSMode: "",
          UsernsMode: "",
          CgroupnsMode: "host",
          ShmSize: 67_108_864,
          LogConfig: { Type: "json-file", Config: {} },
          Dns: [],
          DnsOptions: [],
          DnsSearch: [],
          ExtraHosts: null,
          Devices: [],
          DeviceRequests: null,
          Ulimits: null,
          Init: null,
          MaskedPaths: ["/proc/asound", "/proc/kcore"],
          ReadonlyPaths: ["/proc/bus"],
        },
        NetworkSettings: { Networks: { bridge: { Aliases: null, IPAMConfig: null } } },
      },
      { engine: { cgroupVersion: "1", hostname: "host1" } },
    );
    expect(spec).toEqual({
      image: "alpine",
      env: [],
      ports: [],
      publishAll: false,
      expose: [],
      volumes: [],
      binds: [],
      tmpfs: [],
      networks: [],
      dns: [],
      dnsSearch: [],
      dnsOptions: [],
      extraHosts: [],
      restartPolicy: { name: "no" },
      ulimits: [],
      readOnlyRootfs: false,
      privileged: false,
      capAdd: [],
      capDrop: [],
      noNewPrivileges: false,
      securityOpt: [],
      devices: [],
      sysctls: {},
      groupAdd: [],
      logOptions: {},
      interactive: false,
      tty: false,
      labels: {},
      autoRemove: false,
      start: true,
    });
    expect(RunSpecSchema.safeParse(spec).success).toBe(true);
  });

  it("uses CPU quota when NanoCpus is unset, and the host's network as the network mode", () => {
    const spec = specFromInspect(
      {
        Config: { Image: "busybox", Hostname: "host1" },
        HostConfig: { CpuQuota: 50_000, CpuPeriod: 100_000, NetworkMode: "host" },
        NetworkSettings: { Networks: { host: { Aliases: null } } },
      },
      { engine: { hostname: "host1" } },
    );
    expect(spec.cpus).toBe(0.5);
    expect(spec.networkMode).toBe("host");
    expect(spec.networks).toEqual([]);
    // the engine names a host-network container after the host
    expect(spec.hostname).toBeUndefined();
    const named = specFromInspect(
      { Config: { Hostname: "mine" }, HostConfig: { NetworkMode: "host" } },
      { engine: { hostname: "host1" } },
    );
    expect(named.hostname).toBe("mine");
    // not knowing the host's name, a host-network container's name is left to the engine
    expect(specFromInspect(named).hostname).toBeUndefined();
  });

  it("leaves out what a container sharing another's network or UTS namespace gets from it", () => {
    const other = "f".repeat(64);
    const spec = specFromInspect({
      Id: ID,
      Config: {
        Image: "busybox",
        Hostname: "web",
        Domainname: "corp.example",
        ExposedPorts: { "80/tcp": {} },
      },
      HostConfig: {
        NetworkMode: `container:${other}`,
        PidMode: `container:${other}`,
        IpcMode: `container:${other}`,
      },
      NetworkSettings: { Networks: {} },
    });
    expect(spec).toMatchObject({
      networkMode: `container:${other}`,
      pidMode: `container:${other}`,
      ipcMode: `container:${other}`,
      networks: [],
      expose: [],
    });
    expect(spec.hostname).toBeUndefined();
    expect(spec.domainname).toBeUndefined();
    expect(RunSpecSchema.safeParse(spec).success).toBe(true);
    const uts = specFromInspect({
      Config: { Image: "busybox", Hostname: "host1" },
      HostConfig: { UTSMode: "host" },
    });
    expect(uts).toMatchObject({ utsMode: "host" });
    expect(uts.hostname).toBeUndefined();
  });

  it("keeps a cgroup namespace mode only when it differs from the engine's default", () => {
    const mode = (cgroupnsMode: string, cgroupVersion?: string) =>
      specFromInspect(
        { Config: { Image: "x" }, HostConfig: { CgroupnsMode: cgroupnsMode } },
        cgroupVersion ? { engine: { cgroupVersion } } : {},
      ).cgroupnsMode;
    expect(mode("host", "1")).toBeUndefined();
    expect(mode("private", "1")).toBe("private");
    expect(mode("private", "2")).toBeUndefined();
    expect(mode("host", "2")).toBe("host");
    expect(mode("host")).toBeUndefined();
    expect(mode("private")).toBeUndefined();
  });

  it("reads systempaths=unconfined back from empty masked and read-only paths", () => {
    const spec = specFromInspect({
      Config: { Image: "x" },
      HostConfig: { SecurityOpt: [], MaskedPaths: [], ReadonlyPaths: [] },
    });
    expect(spec.securityOpt).toEqual(["systempaths=unconfined"]);
    const privileged = specFromInspect({
      Config: { Image: "x" },
      HostConfig: { Privileged: true, MaskedPaths: null, ReadonlyPaths: null },
    });
    expect(privileged.securityOpt).toEqual([]);
  });

  it("drops the image's exposed ports and stop signal", () => {
    const spec = specFromInspect(
      {
        Config: {
          Image: "nginx",
          ExposedPorts: { "80/tcp": {}, "8080/tcp": {} },
          StopSignal: "SIGQUIT",
        },
        HostConfig: {},
      },
      { image: { ExposedPorts: { "80/tcp": {} }, StopSignal: "SIGQUIT" } },
    );
    expect(spec.expose).toEqual([{ port: 8080, protocol: "tcp" }]);
    expect(spec.stopSignal).toBeUndefined();
  });

  it("survives garbage", () => {
    expect(specFromInspect(null)).toMatchObject({ image: "", env: [], ports: [] });
    expect(specFromInspect({ Config: [], HostConfig: "x" }).image).toBe("");
  });
});

/**
 * What a 20.10 engine on cgroup v1 shows in inspect for a container created from `body` (and
 * connected to `extraNetworks`): the body as sent, plus the defaults the engine fills in.
 */
function inspectAsEngine(body: CreateBody, extraNetworks: ExtraNetwork[]) {
  const { name, HostConfig: hostConfig, NetworkingConfig: networking, ...config } = body;
  const mode = hostConfig.NetworkMode ?? "default";
  const endpoints: Record<string, unknown> = {};
  if (mode === "host" || mode === "none") endpoints[mode] = { Aliases: null, IPAMConfig: null };
  else if (!mode.startsWith("container:")) {
    const own = { ...networking?.EndpointsConfig };
    for (const n of extraNetworks) own[n.name] = n.endpoint;
    if (Object.keys(own).length === 0) own.bridge = { Aliases: [] };
    for (const [network, endpoint] of Object.entries(own))
      endpoints[network] = {
        IPAMConfig: endpoint.IPAMConfig ?? null,
        Aliases: [...endpoint.Aliases, ID.slice(0, 12)],
      };
  }
  const hostname =
    mode === "host" ? "host1" : mode.startsWith("container:") ? "other" : ID.slice(0, 12);
  return {
    Id: ID,
    Name: `/${name ?? "generated"}`,
    Config: { Hostname: hostname, ...config },
    HostConfig: {
      ...hostConfig,
      IpcMode: hostConfig.IpcMode ?? "private",
      CgroupnsMode: hostConfig.CgroupnsMode ?? "host",
      ShmSize: hostConfig.ShmSize ?? 64 * 1024 * 1024,
      LogConfig: {
        Type: hostConfig.LogConfig?.Type || "json-file",
        Config: hostConfig.LogConfig?.Config ?? {},
      },
      MemorySwap: hostConfig.MemorySwap ?? (hostConfig.Memory ? 2 * hostConfig.Memory : 0),
      MaskedPaths: hostConfig.MaskedPaths ?? ["/proc/kcore"],
      ReadonlyPaths: hostConfig.ReadonlyPaths ?? ["/proc/sys"],
    },
    NetworkSettings: { Networks: endpoints },
  };
}

/** Every field a container keeps (the platform and pull policy are create-time choices). */
const EVERY_FIELD: RunSpecInput = {
  image: "registry.example.com:5000/team/app:1.2",
  name: "app-1",
  command: ["serve", "--port", "8080"],
  entrypoint: ["/entry.sh"],
  workingDir: "/srv/app",
  user: "1000:1000",
  hostname: "app.internal",
  domainname: "corp.example",
  env: [{ key: "MODE", value: "prod" }],
  // in the order inspect lists them: by container port
  ports: [
    { hostIp: "127.0.0.1", containerPort: 53, protocol: "udp" },
    { hostPort: 8080, containerPort: 80, protocol: "tcp" },
  ],
  publishAll: true,
  expose: [
    { port: 5353, protocol: "udp" },
    { port: 9100, protocol: "tcp" },
  ],
  volumes: [{ name: "data", target: "/data", readOnly: false }],
  binds: [{ source: "/srv/www", target: "/var/www", readOnly: true }],
  tmpfs: [{ target: "/tmp", options: "size=64m" }],
  networks: [
    { name: "front", aliases: ["web"], ipv4Address: "172.20.0.10", ipv6Address: "fd00:1::10" },
    { name: "back", aliases: ["api"], ipv4Address: "172.21.0.10" },
  ],
  macAddress: "02:42:ac:14:00:0a",
  dns: ["10.0.0.2", "fd00::53"],
  dnsSearch: ["corp.example"],
  dnsOptions: ["ndots:2"],
  extraHosts: [
    { host: "db", ip: "10.0.0.3" },
    { host: "v6", ip: "fd00::3" },
    { host: "gw", ip: "host-gateway" },
  ],
  pidMode: "host",
  ipcMode: "shareable",
  usernsMode: "host",
  cgroupnsMode: "private",
  restartPolicy: { name: "on-failure", maxRetries: 5 },
  cpus: 1.5,
  memoryBytes: 512 * 1024 ** 2,
  pidsLimit: 200,
  cpuShares: 512,
  cpusetCpus: "0-1",
  memoryReservationBytes: 256 * 1024 ** 2,
  memorySwapBytes: 1536 * 1024 ** 2,
  shmSizeBytes: 128 * 1024 ** 2,
  ulimits: [
    { name: "nofile", soft: 1024, hard: 2048 },
    { name: "core", soft: -1, hard: -1 },
  ],
  readOnlyRootfs: true,
  privileged: false,
  capAdd: ["NET_ADMIN"],
  capDrop: ["MKNOD"],
  noNewPrivileges: true,
  securityOpt: ["seccomp=unconfined", "label=disable", "systempaths=unconfined"],
  devices: [
    { hostPath: "/dev/null", permissions: "rwm" },
    { hostPath: "/dev/zero", containerPath: "/dev/z", permissions: "r" },
  ],
  gpus: { count: 2, driver: "nvidia", capabilities: ["compute", "gpu"] },
  sysctls: { "net.core.somaxconn": "1024" },
  cgroupParent: "/berth",
  groupAdd: ["audio", "1001"],
  init: true,
  stopSignal: "SIGQUIT",
  stopTimeoutSeconds: 20,
  logDriver: "syslog",
  logOptions: { tag: "app" },
  interactive: true,
  tty: true,
  labels: { team: "core" },
  healthcheck: { test: ["CMD-SHELL", "true"], intervalSeconds: 30, retries: 3 },
  autoRemove: false,
  start: true,
};

describe("round trip: specFromInspect(engine(createBody(spec)))", () => {
  const engine = { cgroupVersion: "1", hostname: "host1" };

  it.each<RunSpecInput>([
    EVERY_FIELD,
    { image: "busybox", name: "plain" },
    { image: "busybox", name: "hostnet", networkMode: "host", utsMode: "host", init: false },
    {
      image: "busybox",
      name: "sidecar",
      networkMode: `container:${"f".repeat(64)}`,
      ipcMode: "container:web",
      gpus: { deviceIds: ["0", "GPU-1a2b"] },
    },
    {
      image: "busybox",
      name: "swapless",
      networkMode: "none",
      memoryBytes: 64 * 1024 ** 2,
      memorySwapBytes: -1,
      logOptions: { "max-size": "10m" },
      cgroupnsMode: "private",
    },
  ])("keeps every field of %j", (input) => {
    const spec = RunSpecSchema.parse(input);
    const { body, extraNetworks } = runSpecToCreateBody(spec);
    const back = specFromInspect(inspectAsEngine(body, extraNetworks), { keepName: true, engine });
    const reparsed = RunSpecSchema.parse(back);
    // json-file is the driver the engine names when options come without one
    const expected =
      spec.logDriver || Object.keys(spec.logOptions).length === 0
        ? spec
        : { ...spec, logDriver: "json-file" };
    expect(reparsed).toEqual(expected);
  });
});
