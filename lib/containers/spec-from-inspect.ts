import type { EngineInfo, RunSpecInput } from "@/lib/protocol";

/**
 * Turns the Engine API's container inspect JSON back into the RunSpec that would create the
 * same container (Duplicate and Edit). Only what `docker run` sets is carried over: runtime
 * state, anonymous volumes from the image and engine-made defaults are left out. The engine
 * does not record the platform asked for or the pull policy: those keep the spec's defaults.
 */

type Json = Record<string, unknown>;

/** What the image itself sets: values equal to these are not repeated in the spec. */
export type ImageDefaults = {
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  WorkingDir?: string | null;
  User?: string | null;
  Labels?: Record<string, string> | null;
  ExposedPorts?: Record<string, unknown> | null;
  StopSignal?: string | null;
};

export type SpecFromInspectOptions = {
  /** The image's Config, to drop inherited env, labels, command and so on. */
  image?: ImageDefaults;
  /** Env with real values (inspect from the API masks secret values); replaces Config.Env. */
  env?: ReadonlyArray<{ name: string; value: string | null }>;
  /** Keep the container's name (Edit); Duplicate leaves it out so the engine picks a new one. */
  keepName?: boolean;
  /**
   * The engine the container runs on. Inspect shows the engine's defaults as if they were set
   * (the cgroup namespace mode; the host's name under host networking); knowing the engine, a
   * value that differs from its default is kept. Unknown, those values are left to the engine.
   */
  engine?: Partial<Pick<EngineInfo, "cgroupVersion" | "hostname">>;
};

const NS_PER_SECOND = 1e9;

function obj(value: unknown): Json {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Json)
    : {};
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === "string");
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | null | undefined) {
  if (!a || !b) return false;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function splitEnv(line: string): { key: string; value: string } {
  const at = line.indexOf("=");
  return at < 0 ? { key: line, value: "" } : { key: line.slice(0, at), value: line.slice(at + 1) };
}

function seconds(ns: unknown): number | undefined {
  const value = num(ns);
  return value !== undefined && value > 0 ? value / NS_PER_SECOND : undefined;
}

function isAbsolute(path: string): boolean {
  return path.startsWith("/");
}

function parseBind(bind: string): { source: string; target: string; readOnly: boolean } | null {
  // source:target[:options]; options are comma separated (ro, rw, z, Z, rprivate, ...).
  const parts = bind.split(":");
  if (parts.length < 2) return null;
  const [source, target, options = ""] = parts as [string, string, string?];
  if (!source || !target) return null;
  return { source, target, readOnly: options.split(",").includes("ro") };
}

const DEFAULT_NETWORK_MODES = new Set(["default", "bridge", ""]);
/** The engine's /dev/shm size when none is asked for. */
const DEFAULT_SHM_BYTES = 64 * 1024 * 1024;
const MODE_NETWORKS = new Set(["host", "none"]);

type NetworkMode = NonNullable<RunSpecInput["networkMode"]>;

function isContainerMode(mode: string): mode is `container:${string}` {
  return mode.startsWith("container:") && mode.length > "container:".length;
}

/** `key:value` security options in the `key=value` spelling (the CLI reads both the same way). */
function securityOpt(opt: string): string {
  return opt.includes("=") ? opt : opt.replace(":", "=");
}

function gpusFrom(requests: unknown): RunSpecInput["gpus"] {
  if (!Array.isArray(requests) || requests.length === 0) return undefined;
  const request = obj(requests[0]);
  const count = num(request.Count);
  const deviceIds = strings(request.DeviceIDs) ?? [];
  const capabilities = Array.isArray(request.Capabilities)
    ? (strings(request.Capabilities[0]) ?? [])
    : [];
  const gpus: NonNullable<RunSpecInput["gpus"]> = {};
  if (count === -1) gpus.count = "all";
  else if (count !== undefined && count > 0) gpus.count = count;
  if (deviceIds.length > 0) gpus.deviceIds = deviceIds;
  if (capabilities.length > 0) gpus.capabilities = capabilities;
  const driver = str(request.Driver);
  if (driver) gpus.driver = driver;
  return gpus;
}

export function specFromInspect(
  inspect: unknown,
  options: SpecFromInspectOptions = {},
): RunSpecInput {
  const root = obj(inspect);
  const config = obj(root.Config);
  const host = obj(root.HostConfig);
  const image = options.image ?? {};
  const id = str(root.Id) ?? "";
  const shortId = id.slice(0, 12);
  const name = str(root.Name)?.replace(/^\//, "");

  const spec: RunSpecInput = {
    image: str(config.Image) ?? str(root.Image) ?? "",
  };

  if (options.keepName && name) spec.name = name;

  const cmd = strings(config.Cmd);
  if (cmd && cmd.length > 0 && !sameList(cmd, image.Cmd)) spec.command = cmd;
  const entrypoint = strings(config.Entrypoint);
  if (entrypoint && entrypoint.length > 0 && !sameList(entrypoint, image.Entrypoint)) {
    spec.entrypoint = entrypoint;
  }
  const workingDir = str(config.WorkingDir);
  if (workingDir && workingDir !== image.WorkingDir) spec.workingDir = workingDir;
  const user = str(config.User);
  if (user && user !== image.User) spec.user = user;
  const networkMode = str(host.NetworkMode) ?? "default";
  const sharedNetwork = isContainerMode(networkMode);
  // The engine names a container's host after its short id unless told otherwise; under host
  // networking after the host, and a shared network or UTS namespace brings its own name.
  const hostname = str(config.Hostname);
  const engineHostname = options.engine?.hostname;
  const ownHostname =
    !sharedNetwork &&
    host.UTSMode !== "host" &&
    (networkMode !== "host" || (engineHostname !== undefined && hostname !== engineHostname));
  if (hostname && ownHostname && hostname !== shortId && !id.startsWith(hostname))
    spec.hostname = hostname;
  const domainname = str(config.Domainname);
  if (domainname && !sharedNetwork) spec.domainname = domainname;

  const inherited = new Set(image.Env ?? []);
  const envLines = strings(config.Env) ?? [];
  const env = envLines.filter((line) => !inherited.has(line)).map(splitEnv);
  if (options.env) {
    const real = new Map(options.env.map((e) => [e.name, e.value]));
    for (const item of env) {
      const value = real.get(item.key);
      if (value !== undefined && value !== null) item.value = value;
    }
  }
  spec.env = env;

  const ports: NonNullable<RunSpecInput["ports"]> = [];
  for (const [key, bindings] of Object.entries(obj(host.PortBindings))) {
    const [portText, protocolText = "tcp"] = key.split("/");
    const containerPort = Number(portText);
    if (!Number.isInteger(containerPort) || containerPort < 1) continue;
    const protocol = (["tcp", "udp", "sctp"] as const).find((p) => p === protocolText) ?? "tcp";
    if (!Array.isArray(bindings)) continue;
    for (const binding of bindings) {
      const b = obj(binding);
      const hostPortText = str(b.HostPort);
      const hostPort = hostPortText ? Number(hostPortText) : undefined;
      const hostIp = str(b.HostIp);
      ports.push({
        ...(hostIp ? { hostIp } : {}),
        ...(hostPort !== undefined && Number.isInteger(hostPort) && hostPort > 0
          ? { hostPort }
          : {}),
        containerPort,
        protocol,
      });
    }
  }
  ports.sort((a, b) => a.containerPort - b.containerPort || (a.hostPort ?? 0) - (b.hostPort ?? 0));
  spec.ports = ports;
  spec.publishAll = host.PublishAllPorts === true;

  // Exposed ports hold the published ones and the image's EXPOSE too; a shared network has none.
  const notExposedHere = new Set([
    ...Object.keys(obj(host.PortBindings)),
    ...Object.keys(image.ExposedPorts ?? {}),
  ]);
  const expose: Array<{ port: number; protocol: "tcp" | "udp" | "sctp" }> = [];
  for (const key of sharedNetwork ? [] : Object.keys(obj(config.ExposedPorts))) {
    if (notExposedHere.has(key)) continue;
    const [portText, protocolText = "tcp"] = key.split("/");
    const port = Number(portText);
    const protocol = (["tcp", "udp", "sctp"] as const).find((p) => p === protocolText);
    if (Number.isInteger(port) && port >= 1 && port <= 65535 && protocol)
      expose.push({ port, protocol });
  }
  expose.sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
  spec.expose = expose;

  const volumes: NonNullable<RunSpecInput["volumes"]> = [];
  const binds: NonNullable<RunSpecInput["binds"]> = [];
  const tmpfs: NonNullable<RunSpecInput["tmpfs"]> = [];
  for (const line of strings(host.Binds) ?? []) {
    const bind = parseBind(line);
    if (!bind) continue;
    if (isAbsolute(bind.source)) binds.push(bind);
    else volumes.push({ name: bind.source, target: bind.target, readOnly: bind.readOnly });
  }
  if (Array.isArray(host.Mounts)) {
    for (const item of host.Mounts) {
      const mount = obj(item);
      const target = str(mount.Target);
      if (!target) continue;
      const readOnly = mount.ReadOnly === true;
      if (mount.Type === "bind") {
        const source = str(mount.Source);
        if (source) binds.push({ source, target, readOnly });
      } else if (mount.Type === "volume") {
        const source = str(mount.Source);
        // A volume mount without a source is anonymous: the engine makes a fresh one anyway.
        if (source) volumes.push({ name: source, target, readOnly });
      } else if (mount.Type === "tmpfs") {
        const tmpfsOptions = obj(mount.TmpfsOptions);
        const parts: string[] = [];
        const size = num(tmpfsOptions.SizeBytes);
        if (size) parts.push(`size=${size}`);
        const mode = num(tmpfsOptions.Mode);
        if (mode) parts.push(`mode=${mode.toString(8)}`);
        tmpfs.push(parts.length > 0 ? { target, options: parts.join(",") } : { target });
      }
    }
  }
  for (const [target, value] of Object.entries(obj(host.Tmpfs))) {
    const tmpfsOptions = str(value);
    tmpfs.push(tmpfsOptions ? { target, options: tmpfsOptions } : { target });
  }
  spec.volumes = volumes;
  spec.binds = binds;
  spec.tmpfs = tmpfs;

  const networks: NonNullable<RunSpecInput["networks"]> = [];
  const attached = obj(obj(root.NetworkSettings).Networks);
  const modeNetwork = MODE_NETWORKS.has(networkMode) || sharedNetwork;
  if (modeNetwork) spec.networkMode = networkMode as NetworkMode;
  const names = modeNetwork ? [] : Object.keys(attached);
  if (names.length === 0 && !modeNetwork && !DEFAULT_NETWORK_MODES.has(networkMode)) {
    networks.push({ name: networkMode, aliases: [] });
  }
  // The network the container was created on comes first: it is the one create attaches.
  names.sort((a, b) => Number(b === networkMode) - Number(a === networkMode));
  for (const networkName of names) {
    if (networkName === "bridge" && DEFAULT_NETWORK_MODES.has(networkMode) && names.length === 1) {
      continue;
    }
    const endpoint = obj(attached[networkName]);
    const aliases = (strings(endpoint.Aliases) ?? []).filter(
      (alias) => alias !== shortId && alias !== name && !id.startsWith(alias),
    );
    const ipam = obj(endpoint.IPAMConfig);
    const ipv4Address = str(ipam.IPv4Address);
    const ipv6Address = str(ipam.IPv6Address);
    networks.push({
      name: networkName,
      aliases,
      ...(ipv4Address ? { ipv4Address } : {}),
      ...(ipv6Address ? { ipv6Address } : {}),
    });
  }
  spec.networks = networks;
  const macAddress = str(config.MacAddress);
  if (macAddress) spec.macAddress = macAddress;
  spec.dns = strings(host.Dns) ?? [];
  spec.dnsSearch = strings(host.DnsSearch) ?? [];
  spec.dnsOptions = strings(host.DnsOptions) ?? [];
  spec.extraHosts = (strings(host.ExtraHosts) ?? []).flatMap((line) => {
    const at = line.indexOf(":");
    return at > 0 ? [{ host: line.slice(0, at), ip: line.slice(at + 1) }] : [];
  });

  const pidMode = str(host.PidMode);
  if (pidMode === "host" || (pidMode && isContainerMode(pidMode))) spec.pidMode = pidMode;
  // "private" is the engine's default IPC mode, shown whether or not it was asked for.
  const ipcMode = str(host.IpcMode);
  if (ipcMode && ipcMode !== "private") {
    if (ipcMode === "shareable" || ipcMode === "none" || ipcMode === "host") spec.ipcMode = ipcMode;
    else if (isContainerMode(ipcMode)) spec.ipcMode = ipcMode;
  }
  if (host.UTSMode === "host") spec.utsMode = "host";
  if (host.UsernsMode === "host") spec.usernsMode = "host";
  const cgroupnsMode = str(host.CgroupnsMode);
  const cgroupVersion = options.engine?.cgroupVersion;
  if ((cgroupnsMode === "host" || cgroupnsMode === "private") && cgroupVersion !== undefined) {
    const engineDefault = cgroupVersion === "2" ? "private" : "host";
    if (cgroupnsMode !== engineDefault) spec.cgroupnsMode = cgroupnsMode;
  }

  const restart = obj(host.RestartPolicy);
  const restartName = str(restart.Name) ?? "no";
  if (restartName === "always" || restartName === "unless-stopped") {
    spec.restartPolicy = { name: restartName };
  } else if (restartName === "on-failure") {
    const retries = num(restart.MaximumRetryCount);
    spec.restartPolicy = retries
      ? { name: "on-failure", maxRetries: retries }
      : { name: "on-failure" };
  } else {
    spec.restartPolicy = { name: "no" };
  }

  const nanoCpus = num(host.NanoCpus);
  const quota = num(host.CpuQuota);
  const period = num(host.CpuPeriod);
  if (nanoCpus && nanoCpus > 0) spec.cpus = nanoCpus / NS_PER_SECOND;
  else if (quota && quota > 0 && period && period > 0) spec.cpus = quota / period;
  const memory = num(host.Memory);
  if (memory && memory > 0) spec.memoryBytes = memory;
  const pids = num(host.PidsLimit);
  if (pids && pids > 0) spec.pidsLimit = pids;
  const cpuShares = num(host.CpuShares);
  if (cpuShares && cpuShares > 0) spec.cpuShares = cpuShares;
  const cpusetCpus = str(host.CpusetCpus);
  if (cpusetCpus) spec.cpusetCpus = cpusetCpus;
  const reservation = num(host.MemoryReservation);
  if (reservation && reservation > 0) spec.memoryReservationBytes = reservation;
  // With a memory limit and no swap limit the engine sets memory + swap to twice the limit.
  const swap = num(host.MemorySwap);
  if (swap && swap !== 0 && !(memory && swap === 2 * memory)) spec.memorySwapBytes = swap;
  const shm = num(host.ShmSize);
  if (shm && shm > 0 && shm !== DEFAULT_SHM_BYTES) spec.shmSizeBytes = shm;
  spec.ulimits = (Array.isArray(host.Ulimits) ? host.Ulimits : []).flatMap((item) => {
    const u = obj(item);
    const ulimitName = str(u.Name);
    const soft = num(u.Soft);
    const hard = num(u.Hard);
    return ulimitName && soft !== undefined && hard !== undefined
      ? [{ name: ulimitName, soft, hard }]
      : [];
  });

  spec.readOnlyRootfs = host.ReadonlyRootfs === true;
  spec.privileged = host.Privileged === true;
  spec.capAdd = strings(host.CapAdd) ?? [];
  spec.capDrop = strings(host.CapDrop) ?? [];
  const securityOpts = strings(host.SecurityOpt) ?? [];
  spec.noNewPrivileges = securityOpts.some((opt) => /^no-new-privileges(?:[:=]true)?$/.test(opt));
  spec.securityOpt = securityOpts
    .filter((opt) => !opt.startsWith("no-new-privileges"))
    .map(securityOpt);
  // `--security-opt systempaths=unconfined` reaches the engine as empty masked/read-only paths.
  const unmasked = (paths: unknown) => Array.isArray(paths) && paths.length === 0;
  if (unmasked(host.MaskedPaths) && unmasked(host.ReadonlyPaths))
    spec.securityOpt.push("systempaths=unconfined");
  spec.devices = (Array.isArray(host.Devices) ? host.Devices : []).flatMap((item) => {
    const d = obj(item);
    const hostPath = str(d.PathOnHost);
    if (!hostPath) return [];
    const containerPath = str(d.PathInContainer);
    return [
      {
        hostPath,
        ...(containerPath && containerPath !== hostPath ? { containerPath } : {}),
        permissions: str(d.CgroupPermissions) ?? "rwm",
      },
    ];
  });
  const gpus = gpusFrom(host.DeviceRequests);
  if (gpus) spec.gpus = gpus;
  spec.sysctls = Object.fromEntries(
    Object.entries(obj(host.Sysctls)).filter(
      (e): e is [string, string] => typeof e[1] === "string",
    ),
  );
  const cgroupParent = str(host.CgroupParent);
  if (cgroupParent) spec.cgroupParent = cgroupParent;
  spec.groupAdd = strings(host.GroupAdd) ?? [];
  if (typeof host.Init === "boolean") spec.init = host.Init;
  const stopSignal = str(config.StopSignal);
  if (stopSignal && stopSignal !== image.StopSignal) spec.stopSignal = stopSignal;
  const stopTimeout = num(config.StopTimeout);
  if (stopTimeout !== undefined) spec.stopTimeoutSeconds = stopTimeout;
  const logConfig = obj(host.LogConfig);
  const logDriver = str(logConfig.Type);
  const logOptions = Object.fromEntries(
    Object.entries(obj(logConfig.Config)).filter(
      (e): e is [string, string] => typeof e[1] === "string",
    ),
  );
  // json-file without options is every engine's out-of-the-box logging.
  if (logDriver && (logDriver !== "json-file" || Object.keys(logOptions).length > 0))
    spec.logDriver = logDriver;
  spec.logOptions = logOptions;
  spec.interactive = config.OpenStdin === true;
  spec.tty = config.Tty === true;

  const imageLabels = image.Labels ?? {};
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(obj(config.Labels))) {
    if (typeof value !== "string") continue;
    if (imageLabels[key] === value) continue;
    labels[key] = value;
  }
  spec.labels = labels;

  const health = obj(config.Healthcheck);
  const test = strings(health.Test);
  if (test && test.length > 0) {
    const healthcheck: NonNullable<RunSpecInput["healthcheck"]> = { test };
    const interval = seconds(health.Interval);
    if (interval) healthcheck.intervalSeconds = interval;
    const timeout = seconds(health.Timeout);
    if (timeout) healthcheck.timeoutSeconds = timeout;
    const startPeriod = seconds(health.StartPeriod);
    if (startPeriod) healthcheck.startPeriodSeconds = startPeriod;
    const retries = num(health.Retries);
    if (retries) healthcheck.retries = retries;
    spec.healthcheck = healthcheck;
  }

  spec.autoRemove = host.AutoRemove === true;
  spec.start = true;
  return spec;
}
