/**
 * Turns a RunSpec (from a pasted `docker run` line) into a compose service, for "Paste docker
 * run" in the stack editor. Pure and browser-safe. Named volumes become project volumes declared
 * at the top level; networks the line joins already exist on the host, so they are declared
 * external. What compose cannot say (`--rm`, `-P`, `--no-start`) is named, never dropped silently.
 */
import type { RunSpecInput } from "@/lib/protocol/containers";
import { formatPublish } from "@/lib/containers/format-docker-run";
import { formatDuration } from "@/lib/containers/parse-duration";
import { formatSize } from "@/lib/containers/parse-size";

export interface ServiceFromRunSpec {
  /**
   * The service's key: the container's name, else the image's, made unique in the file. The name
   * is not kept as `container_name:`: stack containers are `<project>-<service>-<n>`, which also
   * keeps the stack clear of the container the line was copied from.
   */
  name: string;
  service: Record<string, unknown>;
  /** Top-level `volumes:` keys the service mounts. */
  volumes: string[];
  /** Top-level `networks:` keys the service joins, all `external: true`. */
  externalNetworks: string[];
  /** Settings of the line that a compose service cannot carry, in words. */
  notCarried: string[];
}

/** A compose service key: letters, digits, `.`, `_`, `-`; from a container name or an image. */
export function serviceNameFor(spec: RunSpecInput, taken: ReadonlySet<string>): string {
  const image = spec.image.split("@")[0]!.split("/").pop()!.split(":")[0]!;
  const base =
    (spec.name ?? image)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^[^a-z0-9]+/, "") || "service";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const mount = (source: string, target: string, readOnly: boolean | undefined) =>
  `${source}:${target}${readOnly ? ":ro" : ""}`;

function healthcheck(h: NonNullable<RunSpecInput["healthcheck"]>): Record<string, unknown> {
  if (h.test[0] === "NONE") return { disable: true };
  const out: Record<string, unknown> = { test: h.test };
  if (h.intervalSeconds !== undefined) out.interval = formatDuration(h.intervalSeconds);
  if (h.timeoutSeconds !== undefined) out.timeout = formatDuration(h.timeoutSeconds);
  if (h.startPeriodSeconds !== undefined) out.start_period = formatDuration(h.startPeriodSeconds);
  if (h.retries !== undefined) out.retries = h.retries;
  return out;
}

function networksOf(spec: RunSpecInput, service: Record<string, unknown>): string[] {
  const networks = spec.networks ?? [];
  if (spec.networkMode) service.network_mode = spec.networkMode;
  // `bridge` is the engine's default network: compose reaches it only as a network mode.
  if (networks.length === 1 && networks[0]!.name === "bridge") {
    service.network_mode = "bridge";
    return [];
  }
  const joined = networks.filter((n) => n.name !== "bridge");
  if (joined.length === 0) return [];
  const plain = joined.every((n) => !n.aliases?.length && !n.ipv4Address && !n.ipv6Address);
  service.networks = plain
    ? joined.map((n) => n.name)
    : Object.fromEntries(
        joined.map((n) => {
          const settings: Record<string, unknown> = {};
          if (n.aliases?.length) settings.aliases = n.aliases;
          if (n.ipv4Address) settings.ipv4_address = n.ipv4Address;
          if (n.ipv6Address) settings.ipv6_address = n.ipv6Address;
          return [n.name, Object.keys(settings).length > 0 ? settings : null];
        }),
      );
  return joined.map((n) => n.name);
}

function resources(spec: RunSpecInput, service: Record<string, unknown>): void {
  if (spec.cpus !== undefined) service.cpus = spec.cpus;
  if (spec.memoryBytes !== undefined) service.mem_limit = formatSize(spec.memoryBytes);
  if (spec.memoryReservationBytes !== undefined)
    service.mem_reservation = formatSize(spec.memoryReservationBytes);
  if (spec.memorySwapBytes !== undefined)
    service.memswap_limit = spec.memorySwapBytes === -1 ? -1 : formatSize(spec.memorySwapBytes);
  if (spec.shmSizeBytes !== undefined) service.shm_size = formatSize(spec.shmSizeBytes);
  if (spec.pidsLimit !== undefined) service.pids_limit = spec.pidsLimit;
  if (spec.cpuShares !== undefined) service.cpu_shares = spec.cpuShares;
  if (spec.cpusetCpus) service.cpuset = spec.cpusetCpus;
  if (spec.ulimits?.length)
    service.ulimits = Object.fromEntries(
      spec.ulimits.map((u) => [
        u.name,
        u.soft === u.hard ? u.soft : { soft: u.soft, hard: u.hard },
      ]),
    );
  if (spec.gpus) {
    const device: Record<string, unknown> = { capabilities: spec.gpus.capabilities ?? ["gpu"] };
    if (spec.gpus.driver) device.driver = spec.gpus.driver;
    if (spec.gpus.count !== undefined) device.count = spec.gpus.count;
    if (spec.gpus.deviceIds?.length) device.device_ids = spec.gpus.deviceIds;
    service.deploy = { resources: { reservations: { devices: [device] } } };
  }
}

function security(spec: RunSpecInput, service: Record<string, unknown>): void {
  if (spec.readOnlyRootfs) service.read_only = true;
  if (spec.privileged) service.privileged = true;
  if (spec.capAdd?.length) service.cap_add = spec.capAdd;
  if (spec.capDrop?.length) service.cap_drop = spec.capDrop;
  const securityOpt = [
    ...(spec.noNewPrivileges ? ["no-new-privileges:true"] : []),
    ...(spec.securityOpt ?? []),
  ];
  if (securityOpt.length > 0) service.security_opt = securityOpt;
  if (spec.devices?.length)
    service.devices = spec.devices.map((d) => {
      const permissions = d.permissions ?? "rwm";
      const target = d.containerPath ?? d.hostPath;
      return permissions === "rwm" && target === d.hostPath
        ? d.hostPath
        : `${d.hostPath}:${target}${permissions === "rwm" ? "" : `:${permissions}`}`;
    });
  if (spec.pidMode) service.pid = spec.pidMode;
  if (spec.ipcMode) service.ipc = spec.ipcMode;
  if (spec.utsMode) service.uts = spec.utsMode;
  if (spec.usernsMode) service.userns_mode = spec.usernsMode;
  if (spec.cgroupnsMode) service.cgroup = spec.cgroupnsMode;
  if (spec.cgroupParent) service.cgroup_parent = spec.cgroupParent;
  if (spec.groupAdd?.length) service.group_add = spec.groupAdd;
  if (spec.sysctls && Object.keys(spec.sysctls).length > 0) service.sysctls = spec.sysctls;
}

/** The compose service `docker run` with `spec` stands for; `taken` are the file's service keys. */
export function serviceFromRunSpec(
  spec: RunSpecInput,
  taken: ReadonlySet<string> = new Set(),
): ServiceFromRunSpec {
  const name = serviceNameFor(spec, taken);
  const service: Record<string, unknown> = { image: spec.image };
  const notCarried: string[] = [];
  if (spec.platform) service.platform = spec.platform;
  if (spec.pullPolicy && spec.pullPolicy !== "missing") service.pull_policy = spec.pullPolicy;
  if (spec.entrypoint?.length) service.entrypoint = spec.entrypoint;
  if (spec.command?.length) service.command = spec.command;
  if (spec.workingDir) service.working_dir = spec.workingDir;
  if (spec.user) service.user = spec.user;
  if (spec.hostname) service.hostname = spec.hostname;
  if (spec.domainname) service.domainname = spec.domainname;
  if (spec.env?.length)
    service.environment = Object.fromEntries(spec.env.map((e) => [e.key, e.value]));
  if (spec.ports?.length) service.ports = spec.ports.map((p) => formatPublish(p));
  if (spec.publishAll)
    notCarried.push("-P (publish every exposed port): compose publishes only listed ports.");
  if (spec.expose?.length)
    service.expose = spec.expose.map((e) =>
      e.protocol && e.protocol !== "tcp" ? `${e.port}/${e.protocol}` : String(e.port),
    );

  const volumes = [...new Set((spec.volumes ?? []).map((v) => v.name))];
  const mounts = [
    ...(spec.volumes ?? []).map((v) => mount(v.name, v.target, v.readOnly)),
    ...(spec.binds ?? []).map((b) => mount(b.source, b.target, b.readOnly)),
  ];
  if (mounts.length > 0) service.volumes = mounts;
  if (spec.tmpfs?.length)
    service.tmpfs = spec.tmpfs.map((t) => (t.options ? `${t.target}:${t.options}` : t.target));

  const externalNetworks = networksOf(spec, service);
  if (spec.macAddress) service.mac_address = spec.macAddress;
  if (spec.dns?.length) service.dns = spec.dns;
  if (spec.dnsSearch?.length) service.dns_search = spec.dnsSearch;
  if (spec.dnsOptions?.length) service.dns_opt = spec.dnsOptions;
  if (spec.extraHosts?.length)
    service.extra_hosts = spec.extraHosts.map((h) => `${h.host}:${h.ip}`);

  const restart = spec.restartPolicy;
  if (restart?.name && restart.name !== "no")
    service.restart =
      restart.name === "on-failure" && restart.maxRetries
        ? `on-failure:${restart.maxRetries}`
        : restart.name;
  resources(spec, service);
  security(spec, service);
  if (spec.init !== undefined) service.init = spec.init;
  if (spec.stopSignal) service.stop_signal = spec.stopSignal;
  if (spec.stopTimeoutSeconds !== undefined)
    service.stop_grace_period = formatDuration(spec.stopTimeoutSeconds);
  if (spec.logDriver || (spec.logOptions && Object.keys(spec.logOptions).length > 0)) {
    const logging: Record<string, unknown> = {};
    if (spec.logDriver) logging.driver = spec.logDriver;
    if (spec.logOptions && Object.keys(spec.logOptions).length > 0)
      logging.options = spec.logOptions;
    service.logging = logging;
  }
  if (spec.interactive) service.stdin_open = true;
  if (spec.tty) service.tty = true;
  if (spec.labels && Object.keys(spec.labels).length > 0) service.labels = spec.labels;
  if (spec.healthcheck) service.healthcheck = healthcheck(spec.healthcheck);
  if (spec.autoRemove)
    notCarried.push("--rm: compose keeps a service's containers until the stack is taken down.");
  if (spec.start === false)
    notCarried.push("--no-start (create only): deploying a stack starts its services.");
  return { name, service, volumes, externalNetworks, notCarried };
}
