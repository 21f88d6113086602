import type { PolicySubject } from "./evaluate-policy";

/**
 * What an existing container may do, read for the policy from its inspect (or its security
 * digest, which has the same shape): straight from HostConfig and Mounts, so a check of an
 * existing container never depends on how well a run form could recreate it. Bind sources are
 * as the engine reports them; the caller resolves them on the host.
 */

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const mode = (v: unknown): string | undefined => str(v) || undefined;

export function subjectFromInspect(inspect: Record<string, unknown>): PolicySubject {
  const host = obj(inspect.HostConfig);
  const binds = new Set<string>();
  const volumes = new Set<string>();
  for (const m of list(inspect.Mounts)) {
    if (m.Type === "bind" && str(m.Source)) binds.add(str(m.Source));
    if (m.Type === "volume" && str(m.Name)) volumes.add(str(m.Name));
  }
  for (const line of strings(host.Binds)) {
    const source = line.split(":")[0] ?? "";
    if (source.startsWith("/")) binds.add(source);
    else if (source) volumes.add(source);
  }
  for (const m of list(host.Mounts)) {
    if (m.Type === "bind" && str(m.Source)) binds.add(str(m.Source));
    if (m.Type === "volume" && str(m.Source)) volumes.add(str(m.Source));
  }
  const networkMode = str(host.NetworkMode);
  // The engine itself turns SELinux labels off for privileged containers and for host PID or
  // IPC namespaces: that option is judged with those settings, not as one the creator chose.
  const engineDisablesLabels =
    host.Privileged === true || host.PidMode === "host" || host.IpcMode === "host";
  const securityOpt = strings(host.SecurityOpt).filter(
    (o) => !(engineDisablesLabels && /^label[:=]disable$/.test(o)),
  );
  const sysctls: Record<string, string> = {};
  for (const [name, value] of Object.entries(obj(host.Sysctls))) sysctls[name] = str(value);
  return {
    privileged: host.Privileged === true,
    capAdd: strings(host.CapAdd).map((c) => c.trim().toUpperCase().replace(/^CAP_/, "")),
    networkMode:
      networkMode === "host" || networkMode.startsWith("container:") ? networkMode : undefined,
    pidMode: mode(host.PidMode),
    // "private", "shareable" and "none" are the container's own
    ipcMode: mode(host.IpcMode),
    utsMode: mode(host.UTSMode),
    usernsMode: mode(host.UsernsMode),
    // Left out: on cgroup v1 hosts the engine itself puts every container in the host's cgroup
    // namespace, so "host" here says nothing about what its creator asked for.
    cgroupnsMode: undefined,
    networks: [],
    devices: list(host.Devices)
      .map((d) => str(d.PathOnHost))
      .filter(Boolean)
      .map((hostPath) => ({ hostPath })),
    gpus: list(host.DeviceRequests).length > 0 ? {} : undefined,
    sysctls,
    securityOpt,
    cgroupParent: mode(host.CgroupParent),
    binds: [...binds].map((source) => ({ source })),
    volumes: [...volumes].map((name) => ({ name })),
    // logDriver is left out for the same reason: LogConfig shows the engine's default driver too.
  };
}
