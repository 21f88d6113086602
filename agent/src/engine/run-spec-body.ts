import type { RunSpec } from "@/lib/protocol";

const NS_PER_SECOND = 1e9;

/** The Engine API's POST /containers/create body (the parts a RunSpec sets), plus `name`. */
export interface CreateBody {
  name?: string;
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir?: string;
  User?: string;
  Hostname?: string;
  Env: string[];
  Labels: Record<string, string>;
  ExposedPorts: Record<string, Record<string, never>>;
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
    Memory?: number;
    PidsLimit?: number;
    ReadonlyRootfs: boolean;
    Privileged: boolean;
    CapAdd: string[];
    CapDrop: string[];
    SecurityOpt: string[];
    AutoRemove: boolean;
  };
  NetworkingConfig?: { EndpointsConfig: Record<string, { Aliases: string[] }> };
}

/** Networks after the first one: connected after create, before start. */
export interface ExtraNetwork {
  name: string;
  aliases: string[];
}

const seconds = (s: number | undefined) =>
  s === undefined ? undefined : Math.round(s * NS_PER_SECOND);

/** Maps a RunSpec to the engine's create body, as `docker run` would. Pure. */
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
  const [first, ...rest] = spec.networks;
  const restart = spec.restartPolicy;
  const hc = spec.healthcheck;
  const body: CreateBody = {
    Image: spec.image,
    Env: spec.env.map((e) => `${e.key}=${e.value}`),
    Labels: { ...spec.labels },
    ExposedPorts: exposed,
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
      SecurityOpt: spec.noNewPrivileges ? ["no-new-privileges:true"] : [],
      AutoRemove: spec.autoRemove,
    },
  };
  if (name !== undefined) body.name = name.replace(/^\//, "");
  if (spec.command) body.Cmd = [...spec.command];
  if (spec.entrypoint) body.Entrypoint = [...spec.entrypoint];
  if (spec.workingDir) body.WorkingDir = spec.workingDir;
  if (spec.user) body.User = spec.user;
  if (spec.hostname) body.Hostname = spec.hostname;
  if (spec.cpus !== undefined) body.HostConfig.NanoCpus = Math.round(spec.cpus * NS_PER_SECOND);
  if (spec.memoryBytes !== undefined) body.HostConfig.Memory = spec.memoryBytes;
  if (spec.pidsLimit !== undefined) body.HostConfig.PidsLimit = spec.pidsLimit;
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
  if (first) {
    body.HostConfig.NetworkMode = first.name;
    body.NetworkingConfig = { EndpointsConfig: { [first.name]: { Aliases: [...first.aliases] } } };
  }
  return { body, extraNetworks: rest.map((n) => ({ name: n.name, aliases: [...n.aliases] })) };
}
