import type { RunSpecInput } from "@/lib/protocol";

/**
 * Turns the Engine API's container inspect JSON back into the RunSpec that would create the
 * same container (Duplicate and Edit). Only what `docker run` sets is carried over: runtime
 * state, anonymous volumes from the image and engine-made defaults are left out.
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
};

export type SpecFromInspectOptions = {
  /** The image's Config, to drop inherited env, labels, command and so on. */
  image?: ImageDefaults;
  /** Env with real values (inspect from the API masks secret values); replaces Config.Env. */
  env?: ReadonlyArray<{ name: string; value: string | null }>;
  /** Keep the container's name (Edit); Duplicate leaves it out so the engine picks a new one. */
  keepName?: boolean;
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
  // The engine names a container's host after its short id unless told otherwise.
  const hostname = str(config.Hostname);
  if (hostname && hostname !== shortId && !id.startsWith(hostname)) spec.hostname = hostname;

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
  const networkMode = str(host.NetworkMode) ?? "default";
  const attached = obj(obj(root.NetworkSettings).Networks);
  const names = Object.keys(attached);
  if (names.length === 0 && !DEFAULT_NETWORK_MODES.has(networkMode)) {
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
    networks.push({ name: networkName, aliases });
  }
  spec.networks = networks;

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

  spec.readOnlyRootfs = host.ReadonlyRootfs === true;
  spec.privileged = host.Privileged === true;
  spec.capAdd = strings(host.CapAdd) ?? [];
  spec.capDrop = strings(host.CapDrop) ?? [];
  spec.noNewPrivileges = (strings(host.SecurityOpt) ?? []).some((opt) =>
    /^no-new-privileges(?:[:=]true)?$/.test(opt),
  );

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
