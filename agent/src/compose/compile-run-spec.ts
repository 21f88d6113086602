import { RunSpecSchema, type RunSpec, type RunSpecInput } from "@/lib/protocol";
import type { ComposeDependency, ComposeService } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import { compileHealthcheck, compileRestart, compileStopTimeout } from "./compile-lifecycle";
import { compileMounts, type MountContext } from "./compile-mounts";
import { compileNetworking, type NetworkingContext } from "./compile-networking";
import { compileResources } from "./compile-resources";
import { argumentList } from "./compile-shell-words";
import { toKeyValues } from "./normalize-service";

type Path = (string | number)[];
type Mapping = Record<string, unknown>;

export type RunSpecContext = MountContext & NetworkingContext;

/** Where a run spec field was written in the service, to place a refusal of it. */
const SOURCE_KEY: Record<string, string> = {
  env: "environment",
  binds: "volumes",
  volumes: "volumes",
  tmpfs: "volumes",
  readOnlyRootfs: "read_only",
  capAdd: "cap_add",
  capDrop: "cap_drop",
  securityOpt: "security_opt",
  extraHosts: "extra_hosts",
  restartPolicy: "restart",
  memoryBytes: "deploy",
  cpus: "deploy",
  workingDir: "working_dir",
  networkMode: "network_mode",
  pidMode: "pid",
  ipcMode: "ipc",
  stopSignal: "stop_signal",
  stopTimeoutSeconds: "stop_grace_period",
  dnsSearch: "dns_search",
  dnsOptions: "dns_opt",
  shmSizeBytes: "shm_size",
  interactive: "stdin_open",
  logDriver: "logging",
  logOptions: "logging",
  pullPolicy: "pull_policy",
};

/**
 * One service as the run spec the run form makes, so the host security policy judges a stack's
 * service exactly like a container started by hand. Compose's own labels and the container
 * names are the apply step's.
 */
export function compileRunSpec(
  name: string,
  service: ComposeService,
  context: RunSpecContext,
  implicitDependencies: Record<string, ComposeDependency>,
): RunSpec {
  const path = ["services", name];
  const logging = (service.logging ?? {}) as Mapping;
  // Loosely typed on purpose: the run spec schema below checks every value the file gave.
  const input: Record<string, unknown> = {
    image: service.image ?? `${context.project}-${name}`,
    ...optional("command", argumentList(service.command, [...path, "command"])),
    ...optional("entrypoint", argumentList(service.entrypoint, [...path, "entrypoint"])),
    ...optional("workingDir", service.working_dir),
    ...optional("user", service.user === undefined ? undefined : String(service.user)),
    ...optional("hostname", service.hostname),
    ...optional("domainname", service.domainname),
    ...optional("macAddress", service.mac_address),
    env: Object.entries(service.environment).map(([key, value]) => ({ key, value })),
    ports: service.ports.map((port, index) => ({
      containerPort: port.target,
      ...(port.published !== undefined && {
        hostPort: publishedPort(port.published, [...path, "ports", index]),
      }),
      ...(port.hostIp !== undefined && { hostIp: port.hostIp }),
      protocol: port.protocol,
    })),
    expose: compileExpose(service.expose, [...path, "expose"]),
    ...compileMounts(service, context),
    ...compileNetworking(service, context, implicitDependencies),
    ...compileResources(service, path),
    restartPolicy: compileRestart(service, path),
    ...optional("healthcheck", compileHealthcheck(service, path)),
    ...optional("stopTimeoutSeconds", compileStopTimeout(service, path)),
    ...optional("stopSignal", service.stop_signal),
    labels: keyValues(service.labels, [...path, "labels"]),
    capAdd: stringList(service.cap_add),
    capDrop: stringList(service.cap_drop),
    privileged: service.privileged === true,
    readOnlyRootfs: service.read_only === true,
    ...compileSecurityOpt(service.security_opt),
    dns: stringList(service.dns),
    dnsSearch: stringList(service.dns_search),
    dnsOptions: stringList(service.dns_opt),
    extraHosts: compileExtraHosts(service.extra_hosts),
    sysctls: keyValues(service.sysctls, [...path, "sysctls"]),
    groupAdd: stringList(service.group_add),
    ...optional("cgroupParent", service.cgroup_parent),
    ...optional("usernsMode", service.userns_mode),
    ...optional("utsMode", service.uts),
    ...optional("cgroupnsMode", service.cgroup),
    ...optional("init", typeof service.init === "boolean" ? service.init : undefined),
    tty: service.tty === true,
    interactive: service.stdin_open === true,
    ...optional("logDriver", logging.driver),
    logOptions: keyValues(logging.options, [...path, "logging", "options"]),
    ...optional("platform", service.platform),
    pullPolicy: runPullPolicy(service.pull_policy),
    start: true,
  };
  const parsed = RunSpecSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "");
    const key = SOURCE_KEY[field] ?? field;
    throw new ComposeFieldError(
      [...path, key],
      `service ${name}: ${key}: ${issue?.message ?? "is not valid"}`,
    );
  }
  return parsed.data;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The engine takes one host port per mapping; a range that could not be paired is refused. */
function publishedPort(published: string, at: Path): number {
  if (!/^\d+$/.test(published)) {
    throw new ComposeFieldError(
      at,
      `published port range ${published} must have as many ports as the target`,
    );
  }
  return Number(published);
}

function compileExpose(value: unknown, at: Path): NonNullable<RunSpecInput["expose"]> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, index) => {
    const [ports = "", protocol = "tcp"] = String(entry).split("/");
    const [from, to = from] = ports.split("-").map(Number);
    if (from === undefined || to === undefined || !(from <= to)) {
      throw new ComposeFieldError([...at, index], `invalid exposed port ${String(entry)}`);
    }
    return Array.from({ length: to - from + 1 }, (_, i) => ({
      port: from + i,
      protocol: protocol as "tcp" | "udp" | "sctp",
    }));
  });
}

/** `no-new-privileges` has its own run spec field; every other option is passed on. */
function compileSecurityOpt(value: unknown): Pick<RunSpecInput, "securityOpt" | "noNewPrivileges"> {
  const options = stringList(value);
  const isNoNewPrivileges = (option: string) => /^no-new-privileges(?:[:=]true)?$/.test(option);
  return {
    securityOpt: options.filter((option) => !option.startsWith("no-new-privileges")),
    noNewPrivileges: options.some(isNoNewPrivileges),
  };
}

/** `host:ip`, `host=ip` or a mapping; an IPv6 address keeps its colons. */
function compileExtraHosts(value: unknown): NonNullable<RunSpecInput["extraHosts"]> {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value as Mapping).flatMap(([host, ips]) =>
      (Array.isArray(ips) ? ips : [ips]).map((ip) => ({ host, ip: String(ip) })),
    );
  }
  return stringList(value).map((entry) => {
    const separator = entry.includes("=") ? entry.indexOf("=") : entry.indexOf(":");
    return {
      host: entry.slice(0, separator),
      ip: entry.slice(separator + 1).replace(/^\[|\]$/g, ""),
    };
  });
}

function runPullPolicy(value: unknown): "always" | "missing" | "never" {
  if (value === "always") return "always";
  // A service built here has no image to pull: the plan's build step makes it.
  if (value === "never" || value === "build") return "never";
  return "missing";
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function keyValues(value: unknown, at: Path): Record<string, string> {
  return Object.fromEntries(toKeyValues(value, at).map(([key, entry]) => [key, entry ?? ""]));
}
