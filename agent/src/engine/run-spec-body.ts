import type { RunSpec } from "@/lib/protocol";

const NS_PER_SECOND = 1e9;

/** `--security-opt systempaths=unconfined`: the CLI turns it into empty masked/read-only paths. */
export const SYSTEM_PATHS_UNCONFINED = "systempaths=unconfined";

export interface EndpointConfig {
  Aliases: string[];
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string };
}

/** The Engine API's POST /containers/create body (the parts a RunSpec sets), plus `name`. */
export interface CreateBody {
  name?: string;
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir?: string;
  User?: string;
  Hostname?: string;
  Domainname?: string;
  Env: string[];
  Labels: Record<string, string>;
  ExposedPorts: Record<string, Record<string, never>>;
  Tty: boolean;
  OpenStdin: boolean;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  StdinOnce: boolean;
  StopSignal?: string;
  StopTimeout?: number;
  MacAddress?: string;
  Healthcheck?: {
    Test: string[];
    Interval?: number;
    Timeout?: number;
    StartPeriod?: number;
    Retries?: number;
  };
  HostConfig: {
    PortBindings: Record<string, Array<{ HostIp: string; HostPort: string }>>;
    PublishAllPorts: boolean;
    Mounts: Array<{ Type: "volume" | "bind"; Source: string; Target: string; ReadOnly: boolean }>;
    Tmpfs: Record<string, string>;
    NetworkMode?: string;
    RestartPolicy: { Name: string; MaximumRetryCount: number };
    NanoCpus?: number;
    CpuShares?: number;
    CpusetCpus?: string;
    Memory?: number;
    MemoryReservation?: number;
    MemorySwap?: number;
    PidsLimit?: number;
    ShmSize?: number;
    ReadonlyRootfs: boolean;
    Privileged: boolean;
    CapAdd: string[];
    CapDrop: string[];
    SecurityOpt: string[];
    MaskedPaths?: string[];
    ReadonlyPaths?: string[];
    AutoRemove: boolean;
    PidMode?: string;
    IpcMode?: string;
    UTSMode?: string;
    UsernsMode?: string;
    CgroupnsMode?: string;
    CgroupParent?: string;
    GroupAdd?: string[];
    Devices?: Array<{ PathOnHost: string; PathInContainer: string; CgroupPermissions: string }>;
    DeviceRequests?: Array<{
      Driver: string;
      Count: number;
      DeviceIDs: string[] | null;
      Capabilities: string[][];
      Options: Record<string, string>;
    }>;
    Sysctls?: Record<string, string>;
    Ulimits?: Array<{ Name: string; Soft: number; Hard: number }>;
    Init?: boolean;
    LogConfig?: { Type: string; Config: Record<string, string> };
    Dns?: string[];
    DnsSearch?: string[];
    DnsOptions?: string[];
    ExtraHosts?: string[];
  };
  NetworkingConfig?: { EndpointsConfig: Record<string, EndpointConfig> };
}

/** Networks after the first one: connected after create, before start. */
export interface ExtraNetwork {
  name: string;
  endpoint: EndpointConfig;
}

const seconds = (s: number | undefined) =>
  s === undefined ? undefined : Math.round(s * NS_PER_SECOND);

function endpointOf(network: RunSpec["networks"][number]): EndpointConfig {
  const endpoint: EndpointConfig = { Aliases: [...network.aliases] };
  if (network.ipv4Address || network.ipv6Address) {
    endpoint.IPAMConfig = {};
    if (network.ipv4Address) endpoint.IPAMConfig.IPv4Address = network.ipv4Address;
    if (network.ipv6Address) endpoint.IPAMConfig.IPv6Address = network.ipv6Address;
  }
  return endpoint;
}

/** `--gpus` as the CLI sends it: count -1 is "all"; no count and no ids asks for one GPU. */
function deviceRequestOf(gpus: NonNullable<RunSpec["gpus"]>) {
  const count = gpus.count === "all" ? -1 : (gpus.count ?? (gpus.deviceIds.length > 0 ? 0 : 1));
  return {
    Driver: gpus.driver ?? "",
    Count: count,
    DeviceIDs: gpus.deviceIds.length > 0 ? [...gpus.deviceIds] : null,
    Capabilities: [[...gpus.capabilities]],
    Options: {},
  };
}

/**
 * Maps a RunSpec to the engine's create body as `docker run -d` would (it never attaches, so
 * -i keeps STDIN open without attaching to it). Options left unset are left to the engine. Pure.
 */
export function runSpecToCreateBody(
  spec: RunSpec,
  name: string | undefined = spec.name,
): { body: CreateBody; extraNetworks: ExtraNetwork[] } {
  const exposed: CreateBody["ExposedPorts"] = {};
  const bindings: CreateBody["HostConfig"]["PortBindings"] = {};
  for (const p of spec.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({
      HostIp: p.hostIp ?? "",
      HostPort: p.hostPort === undefined ? "" : String(p.hostPort),
    });
  }
  for (const e of spec.expose) exposed[`${e.port}/${e.protocol}`] = {};
  const [first, ...rest] = spec.networks;
  const restart = spec.restartPolicy;
  const hc = spec.healthcheck;
  const systemPathsUnconfined = spec.securityOpt.includes(SYSTEM_PATHS_UNCONFINED);
  const body: CreateBody = {
    Image: spec.image,
    Env: spec.env.map((e) => `${e.key}=${e.value}`),
    Labels: { ...spec.labels },
    ExposedPorts: exposed,
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    StdinOnce: false,
    HostConfig: {
      PortBindings: bindings,
      PublishAllPorts: spec.publishAll,
      Mounts: [
        ...spec.volumes.map((v) => ({
          Type: "volume" as const,
          Source: v.name,
          Target: v.target,
          ReadOnly: v.readOnly,
        })),
        ...spec.binds.map((b) => ({
          Type: "bind" as const,
          Source: b.source,
          Target: b.target,
          ReadOnly: b.readOnly,
        })),
      ],
      Tmpfs: Object.fromEntries(spec.tmpfs.map((t) => [t.target, t.options ?? ""])),
      RestartPolicy: {
        Name: restart.name === "no" ? "" : restart.name,
        MaximumRetryCount: restart.name === "on-failure" ? (restart.maxRetries ?? 0) : 0,
      },
      ReadonlyRootfs: spec.readOnlyRootfs,
      Privileged: spec.privileged,
      CapAdd: [...spec.capAdd],
      CapDrop: [...spec.capDrop],
      SecurityOpt: [
        ...(spec.noNewPrivileges ? ["no-new-privileges:true"] : []),
        ...spec.securityOpt.filter((o) => o !== SYSTEM_PATHS_UNCONFINED),
      ],
      AutoRemove: spec.autoRemove,
    },
  };
  const host = body.HostConfig;
  if (name !== undefined) body.name = name.replace(/^\//, "");
  if (spec.command) body.Cmd = [...spec.command];
  if (spec.entrypoint) body.Entrypoint = [...spec.entrypoint];
  if (spec.workingDir) body.WorkingDir = spec.workingDir;
  if (spec.user) body.User = spec.user;
  if (spec.hostname) body.Hostname = spec.hostname;
  if (spec.domainname) body.Domainname = spec.domainname;
  if (spec.stopSignal) body.StopSignal = spec.stopSignal;
  if (spec.stopTimeoutSeconds !== undefined) body.StopTimeout = spec.stopTimeoutSeconds;
  if (spec.macAddress) body.MacAddress = spec.macAddress;
  if (spec.cpus !== undefined) host.NanoCpus = Math.round(spec.cpus * NS_PER_SECOND);
  if (spec.cpuShares !== undefined) host.CpuShares = spec.cpuShares;
  if (spec.cpusetCpus) host.CpusetCpus = spec.cpusetCpus;
  if (spec.memoryBytes !== undefined) host.Memory = spec.memoryBytes;
  if (spec.memoryReservationBytes !== undefined)
    host.MemoryReservation = spec.memoryReservationBytes;
  if (spec.memorySwapBytes !== undefined) host.MemorySwap = spec.memorySwapBytes;
  if (spec.pidsLimit !== undefined) host.PidsLimit = spec.pidsLimit;
  if (spec.shmSizeBytes !== undefined) host.ShmSize = spec.shmSizeBytes;
  if (systemPathsUnconfined) {
    host.MaskedPaths = [];
    host.ReadonlyPaths = [];
  }
  if (spec.pidMode) host.PidMode = spec.pidMode;
  if (spec.ipcMode) host.IpcMode = spec.ipcMode;
  if (spec.utsMode) host.UTSMode = spec.utsMode;
  if (spec.usernsMode) host.UsernsMode = spec.usernsMode;
  if (spec.cgroupnsMode) host.CgroupnsMode = spec.cgroupnsMode;
  if (spec.cgroupParent) host.CgroupParent = spec.cgroupParent;
  if (spec.groupAdd.length > 0) host.GroupAdd = [...spec.groupAdd];
  if (spec.devices.length > 0)
    host.Devices = spec.devices.map((d) => ({
      PathOnHost: d.hostPath,
      PathInContainer: d.containerPath ?? d.hostPath,
      CgroupPermissions: d.permissions,
    }));
  if (spec.gpus) host.DeviceRequests = [deviceRequestOf(spec.gpus)];
  if (Object.keys(spec.sysctls).length > 0) host.Sysctls = { ...spec.sysctls };
  if (spec.ulimits.length > 0)
    host.Ulimits = spec.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard }));
  if (spec.init !== undefined) host.Init = spec.init;
  if (spec.logDriver || Object.keys(spec.logOptions).length > 0)
    host.LogConfig = { Type: spec.logDriver ?? "", Config: { ...spec.logOptions } };
  if (spec.dns.length > 0) host.Dns = [...spec.dns];
  if (spec.dnsSearch.length > 0) host.DnsSearch = [...spec.dnsSearch];
  if (spec.dnsOptions.length > 0) host.DnsOptions = [...spec.dnsOptions];
  if (spec.extraHosts.length > 0) host.ExtraHosts = spec.extraHosts.map((h) => `${h.host}:${h.ip}`);
  if (hc) {
    body.Healthcheck = { Test: [...hc.test] };
    const interval = seconds(hc.intervalSeconds);
    const timeout = seconds(hc.timeoutSeconds);
    const startPeriod = seconds(hc.startPeriodSeconds);
    if (interval !== undefined) body.Healthcheck.Interval = interval;
    if (timeout !== undefined) body.Healthcheck.Timeout = timeout;
    if (startPeriod !== undefined) body.Healthcheck.StartPeriod = startPeriod;
    if (hc.retries !== undefined) body.Healthcheck.Retries = hc.retries;
  }
  if (spec.networkMode) host.NetworkMode = spec.networkMode;
  else if (first) {
    host.NetworkMode = first.name;
    body.NetworkingConfig = { EndpointsConfig: { [first.name]: endpointOf(first) } };
  }
  return { body, extraNetworks: rest.map((n) => ({ name: n.name, endpoint: endpointOf(n) })) };
}
