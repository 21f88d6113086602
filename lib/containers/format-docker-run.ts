/**
 * Writes a RunSpec as one `docker run` line, for "copy as docker run". Every word is quoted for a
 * POSIX shell, so pasting the line back (or into a terminal) gives the same spec. Pure and
 * browser-safe.
 *
 * Where `docker run` cannot say exactly what the spec says, the closest equivalent is written:
 * an entrypoint of several words becomes `--entrypoint first` with the rest in front of the
 * command (the same process runs), and an exec-form health check (`["CMD", …]`) becomes
 * `--health-cmd` with the words joined for a shell. `--gpus capabilities=…` always adds "gpu" to
 * the list, as docker does. "Re-pull on recreate" is Berth's own and has no flag.
 */
import type { RunSpecInput } from "@/lib/protocol/containers";
import { formatDuration } from "./parse-duration";
import { formatSize } from "./parse-size";
import { joinShellWords } from "./shell-words";

export interface FormatDockerRunOptions {
  /** Put each flag on its own line, joined with ` \` continuations. */
  multiline?: boolean;
}

type PortInput = NonNullable<RunSpecInput["ports"]>[number];
type NetworkInput = NonNullable<RunSpecInput["networks"]>[number];
type DeviceInput = NonNullable<RunSpecInput["devices"]>[number];
type GpusInput = NonNullable<RunSpecInput["gpus"]>;

/** `-p` spelling of one mapping: `8080:80`, `127.0.0.1::53/udp`, `[::1]:8080:80`, `80`. */
export function formatPublish(port: PortInput): string {
  const ip = port.hostIp ? (port.hostIp.includes(":") ? `[${port.hostIp}]` : port.hostIp) : "";
  const host = port.hostPort === undefined ? "" : String(port.hostPort);
  const protocol = port.protocol && port.protocol !== "tcp" ? `/${port.protocol}` : "";
  const base = ip
    ? `${ip}:${host}:${port.containerPort}`
    : host
      ? `${host}:${port.containerPort}`
      : `${port.containerPort}`;
  return `${base}${protocol}`;
}

/** A field of a `--mount`/`--network` value, quoted CSV-style when it has to be. */
const csvField = (field: string) => (/[,"]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);

function mountArgs(type: "bind" | "volume", source: string, target: string, readOnly: boolean) {
  if (!source.includes(":") && !target.includes(":"))
    return ["-v", `${source}:${target}${readOnly ? ":ro" : ""}`];
  const fields = [`type=${type}`, `source=${source}`, `target=${target}`];
  if (readOnly) fields.push("readonly");
  return ["--mount", fields.map(csvField).join(",")];
}

/** `--network` for a network after the first: its name, or name=…,alias=…,ip=…,ip6=…. */
function networkArg(n: NetworkInput): string {
  const fields = [
    ...(n.aliases ?? []).map((a) => `alias=${a}`),
    ...(n.ipv4Address ? [`ip=${n.ipv4Address}`] : []),
    ...(n.ipv6Address ? [`ip6=${n.ipv6Address}`] : []),
  ];
  if (fields.length === 0) return n.name;
  return [`name=${n.name}`, ...fields].map(csvField).join(",");
}

/** `--device` spelling: `/dev/x`, `/dev/x:/dev/y`, `/dev/x:r`, `/dev/x:/dev/y:rw`. */
function deviceArg(d: DeviceInput): string {
  const permissions = d.permissions ?? "rwm";
  const target = d.containerPath && d.containerPath !== d.hostPath ? `:${d.containerPath}` : "";
  return `${d.hostPath}${target}${permissions === "rwm" ? "" : `:${permissions}`}`;
}

/** `--gpus` spelling: `all`, `2`, or CSV fields such as `"device=0,1",driver=nvidia`. */
function gpusArg(g: GpusInput): string {
  const fields: string[] = [];
  if (g.count !== undefined) fields.push(`count=${g.count}`);
  if (g.deviceIds && g.deviceIds.length > 0) fields.push(`device=${g.deviceIds.join(",")}`);
  if (g.driver) fields.push(`driver=${g.driver}`);
  const capabilities = (g.capabilities ?? ["gpu"]).filter((c) => c !== "gpu");
  if (capabilities.length > 0) fields.push(`capabilities=${capabilities.join(",")}`);
  if (fields.length === 1 && g.count !== undefined) return String(g.count);
  return fields.map(csvField).join(",");
}

export function formatDockerRun(spec: RunSpecInput, options: FormatDockerRunOptions = {}): string {
  const start = spec.start !== false;
  const groups: string[][] = [["docker", start ? "run" : "create"]];
  if (start) groups.push(["-d"]);
  const add = (...words: string[]) => groups.push(words);
  const addEach = (flag: string, values: readonly string[] | undefined) => {
    for (const value of values ?? []) add(flag, value);
  };

  if (spec.interactive) add("-i");
  if (spec.tty) add("-t");
  if (spec.name !== undefined) add("--name", spec.name);
  if (spec.platform !== undefined) add("--platform", spec.platform);
  if (spec.pullPolicy !== undefined && spec.pullPolicy !== "missing")
    add("--pull", spec.pullPolicy);
  if (spec.hostname !== undefined) add("--hostname", spec.hostname);
  if (spec.domainname !== undefined) add("--domainname", spec.domainname);
  if (spec.user !== undefined) add("--user", spec.user);
  if (spec.workingDir !== undefined) add("--workdir", spec.workingDir);
  const [entrypoint, ...entrypointArgs] = spec.entrypoint ?? [];
  if (spec.entrypoint !== undefined) add("--entrypoint", entrypoint ?? "");

  for (const e of spec.env ?? []) add("-e", `${e.key}=${e.value}`);
  for (const p of spec.ports ?? []) add("-p", formatPublish(p));
  if (spec.publishAll) add("-P");
  for (const v of spec.volumes ?? [])
    add(...mountArgs("volume", v.name, v.target, v.readOnly ?? false));
  for (const b of spec.binds ?? [])
    add(...mountArgs("bind", b.source, b.target, b.readOnly ?? false));
  for (const t of spec.tmpfs ?? [])
    add("--tmpfs", t.options ? `${t.target}:${t.options}` : t.target);

  if (spec.networkMode !== undefined) add("--network", spec.networkMode);
  const [firstNetwork, ...otherNetworks] = spec.networks ?? [];
  if (firstNetwork) {
    add("--network", firstNetwork.name);
    addEach("--network-alias", firstNetwork.aliases);
    if (firstNetwork.ipv4Address) add("--ip", firstNetwork.ipv4Address);
    if (firstNetwork.ipv6Address) add("--ip6", firstNetwork.ipv6Address);
  }
  for (const n of otherNetworks) add("--network", networkArg(n));
  if (spec.macAddress !== undefined) add("--mac-address", spec.macAddress);
  addEach("--dns", spec.dns);
  addEach("--dns-search", spec.dnsSearch);
  addEach("--dns-option", spec.dnsOptions);
  for (const h of spec.extraHosts ?? []) add("--add-host", `${h.host}:${h.ip}`);
  for (const e of spec.expose ?? [])
    add("--expose", e.protocol && e.protocol !== "tcp" ? `${e.port}/${e.protocol}` : `${e.port}`);

  const restart = spec.restartPolicy;
  if (restart?.name && restart.name !== "no")
    add(
      "--restart",
      restart.name === "on-failure" && restart.maxRetries !== undefined
        ? `on-failure:${restart.maxRetries}`
        : restart.name,
    );
  if (spec.cpus !== undefined) add("--cpus", String(spec.cpus));
  if (spec.memoryBytes !== undefined) add("--memory", formatSize(spec.memoryBytes));
  if (spec.pidsLimit !== undefined) add("--pids-limit", String(spec.pidsLimit));
  if (spec.cpuShares !== undefined) add("--cpu-shares", String(spec.cpuShares));
  if (spec.cpusetCpus !== undefined) add("--cpuset-cpus", spec.cpusetCpus);
  if (spec.memoryReservationBytes !== undefined)
    add("--memory-reservation", formatSize(spec.memoryReservationBytes));
  if (spec.memorySwapBytes !== undefined)
    add("--memory-swap", spec.memorySwapBytes === -1 ? "-1" : formatSize(spec.memorySwapBytes));
  if (spec.shmSizeBytes !== undefined) add("--shm-size", formatSize(spec.shmSizeBytes));
  for (const u of spec.ulimits ?? [])
    add("--ulimit", u.soft === u.hard ? `${u.name}=${u.soft}` : `${u.name}=${u.soft}:${u.hard}`);
  if (spec.pidMode !== undefined) add("--pid", spec.pidMode);
  if (spec.ipcMode !== undefined) add("--ipc", spec.ipcMode);
  if (spec.utsMode !== undefined) add("--uts", spec.utsMode);
  if (spec.usernsMode !== undefined) add("--userns", spec.usernsMode);
  if (spec.cgroupnsMode !== undefined) add("--cgroupns", spec.cgroupnsMode);
  if (spec.cgroupParent !== undefined) add("--cgroup-parent", spec.cgroupParent);
  addEach("--group-add", spec.groupAdd);
  if (spec.readOnlyRootfs) add("--read-only");
  if (spec.privileged) add("--privileged");
  for (const c of spec.capAdd ?? []) add("--cap-add", c);
  for (const c of spec.capDrop ?? []) add("--cap-drop", c);
  if (spec.noNewPrivileges) add("--security-opt", "no-new-privileges");
  addEach("--security-opt", spec.securityOpt);
  for (const d of spec.devices ?? []) add("--device", deviceArg(d));
  if (spec.gpus) add("--gpus", gpusArg(spec.gpus));
  for (const [key, value] of Object.entries(spec.sysctls ?? {})) add("--sysctl", `${key}=${value}`);
  if (spec.init !== undefined) add(spec.init ? "--init" : "--init=false");
  if (spec.stopSignal !== undefined) add("--stop-signal", spec.stopSignal);
  if (spec.stopTimeoutSeconds !== undefined) add("--stop-timeout", String(spec.stopTimeoutSeconds));
  if (spec.logDriver !== undefined) add("--log-driver", spec.logDriver);
  for (const [key, value] of Object.entries(spec.logOptions ?? {}))
    add("--log-opt", `${key}=${value}`);
  for (const [key, value] of Object.entries(spec.labels ?? {})) add("--label", `${key}=${value}`);

  const hc = spec.healthcheck;
  if (hc) {
    const [kind, ...rest] = hc.test;
    if (kind === "NONE") add("--no-healthcheck");
    else {
      const cmd =
        kind === "CMD-SHELL"
          ? rest.join(" ")
          : kind === "CMD"
            ? joinShellWords(rest)
            : joinShellWords(hc.test);
      add("--health-cmd", cmd);
      if (hc.intervalSeconds !== undefined)
        add("--health-interval", formatDuration(hc.intervalSeconds));
      if (hc.timeoutSeconds !== undefined)
        add("--health-timeout", formatDuration(hc.timeoutSeconds));
      if (hc.startPeriodSeconds !== undefined)
        add("--health-start-period", formatDuration(hc.startPeriodSeconds));
      if (hc.retries !== undefined) add("--health-retries", String(hc.retries));
    }
  }
  if (spec.autoRemove) add("--rm");

  groups.push([spec.image, ...entrypointArgs, ...(spec.command ?? [])]);
  const lines = groups.map((words, i) => (i === 0 ? words.join(" ") : joinShellWords(words)));
  if (!options.multiline) return lines.join(" ");
  // Keep "docker run -d" together on the first line.
  const head = start ? `${lines[0]} ${lines[1]}` : lines[0]!;
  return [head, ...lines.slice(start ? 2 : 1)].join(" \\\n  ");
}
