import type { HostRoleName } from "@/lib/auth/permissions";
import {
  LOCAL_LOG_DRIVERS,
  type HostNamespace,
  type HostSecurityPolicy,
  type PolicyRule,
  type PolicyViolation,
  type ProtectedPath,
} from "@/lib/protocol/policy";
import { sysctlMatches } from "./effective-policy";
import { isPathWithin, pathsOverlap } from "./host-paths";

/**
 * The parts of a run spec (or of a container's inspect) the policy reads. Bind sources and
 * device paths are the host's resolved paths; `requested` keeps what the user wrote, for messages.
 */
export interface PolicySubject {
  privileged: boolean;
  capAdd: readonly string[];
  networkMode?: string;
  pidMode?: string;
  ipcMode?: string;
  utsMode?: string;
  usernsMode?: string;
  cgroupnsMode?: string;
  networks: ReadonlyArray<{ name: string }>;
  devices: ReadonlyArray<{ hostPath: string }>;
  gpus?: object;
  sysctls: Readonly<Record<string, string>>;
  securityOpt: readonly string[];
  cgroupParent?: string;
  logDriver?: string;
  logOptions?: Readonly<Record<string, string>>;
  binds: ReadonlyArray<{ source: string; requested?: string }>;
  volumes: ReadonlyArray<{ name: string }>;
}

/** What only the host knows, from its agent (host.resolvePaths). */
export interface HostFacts {
  /** The agent's state and install directories, the engine's socket and data root. */
  protectedPaths: readonly ProtectedPath[];
  /** Existing named volumes that are binds of a host directory: name → resolved directory. */
  volumeBinds: Readonly<Record<string, string>>;
}

export const HINT = "A host admin can allow it in the host's security policy.";

const NAMESPACE_FIELDS: Record<HostNamespace, keyof PolicySubject> = {
  network: "networkMode",
  pid: "pidMode",
  ipc: "ipcMode",
  uts: "utsMode",
  userns: "usernsMode",
  cgroupns: "cgroupnsMode",
};

export const NAMESPACE_HARM: Record<HostNamespace, string> = {
  network:
    "The host's network (--network host) is refused: the container could bind any port of the host and reach services that listen only on the host.",
  pid: "The host's process namespace (--pid host) is refused: the container would see and signal every process on the host.",
  ipc: "The host's IPC namespace (--ipc host) is refused: the container would share memory and semaphores with the host's processes.",
  uts: "The host's UTS namespace (--uts host) is refused: the container could change the host's name.",
  userns:
    "--userns host is refused: it turns off the engine's user remapping, so root in the container is root on the host.",
  cgroupns:
    "The host's cgroup namespace (--cgroupns host) is refused: the container would see the host's whole cgroup tree.",
};

/** Joinable namespaces and the field that joins them (`container:<name>`). */
const JOINABLE: Array<[field: "networkMode" | "pidMode" | "ipcMode", what: string]> = [
  ["networkMode", "network"],
  ["pidMode", "process"],
  ["ipcMode", "IPC"],
];

const NO_NEW_PRIVILEGES = /^no-new-privileges([:=](true|false|1|0))?$/i;

/** Options of the local log drivers: they size and tag the log file, they send nothing. */
const LOCAL_LOG_OPTIONS = new Set([
  "max-size",
  "max-file",
  "compress",
  "labels",
  "labels-regex",
  "env",
  "env-regex",
  "tag",
  "mode",
  "max-buffer-size",
]);

const words = (items: readonly string[]) => items.join(", ");
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * The bind as the user wrote it; where it really leads only when they may look there (a path
 * under an allowed directory, or a host admin): elsewhere the host's symlinks stay its own.
 */
function describeBind(bind: { source: string; requested?: string }, reveal: boolean): string {
  if (!bind.requested || bind.requested === bind.source) return bind.source;
  return reveal ? `${bind.requested} (${bind.source} on the host)` : bind.requested;
}

/**
 * The host security policy as one pure function: every setting of `subject` the policy refuses
 * for `role`, each with its rule and the RunSpec field it concerns. HOST_ADMIN is bound only by
 * the protected paths (the agent's own files, the engine's socket and data), like everyone.
 */
export function evaluatePolicy(
  subject: PolicySubject,
  policy: HostSecurityPolicy,
  role: HostRoleName,
  facts: HostFacts,
): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const refuse = (rule: PolicyRule, field: string, message: string) =>
    out.push({ rule, field, message });
  const bound = role !== "HOST_ADMIN";

  if (bound) {
    if (subject.privileged && !policy.allowPrivileged) {
      refuse(
        "privileged",
        "privileged",
        `Privileged mode is refused: it gives the container every capability and every device of the host, so whoever runs in it owns the host. ${HINT}`,
      );
    }

    const allowedCaps = policy.allowedCapabilities;
    const caps = subject.capAdd.filter(
      (c) => !allowedCaps.includes("ALL") && !allowedCaps.includes(c),
    );
    if (caps.length > 0) {
      refuse(
        "capabilities",
        "capAdd",
        `Adding ${plural(caps.length, "the capability", "the capabilities")} ${words(caps)} is refused: added capabilities let a container act on the host's kernel beyond its own walls, and this host allows ${allowedCaps.length ? `only ${words(allowedCaps)}` : "none"}. ${HINT}`,
      );
    }

    for (const ns of Object.keys(NAMESPACE_FIELDS) as HostNamespace[]) {
      const field = NAMESPACE_FIELDS[ns];
      if (subject[field] === "host" && !policy.hostNamespaces.includes(ns)) {
        refuse("hostNamespace", field, `${NAMESPACE_HARM[ns]} ${HINT}`);
      }
    }
    subject.networks.forEach((n, i) => {
      if (n.name === "host" && !policy.hostNamespaces.includes("network")) {
        refuse("hostNamespace", `networks.${i}.name`, `${NAMESPACE_HARM.network} ${HINT}`);
      }
    });

    for (const [field, what] of JOINABLE) {
      const mode = subject[field];
      if (mode?.startsWith("container:") && !policy.allowContainerNamespaces) {
        refuse(
          "containerNamespace",
          field,
          `Joining the ${what} namespace of container ${mode.slice("container:".length)} is refused: the container would share everything that container's ${what} namespace reaches. ${HINT}`,
        );
      }
    }

    const devices = subject.devices
      .map((d) => d.hostPath)
      .filter((p) => !policy.allowedDevices.some((allowed) => isPathWithin(p, allowed)));
    if (devices.length > 0) {
      refuse(
        "devices",
        "devices",
        `The host ${plural(devices.length, "device", "devices")} ${words(devices)} ${plural(devices.length, "is", "are")} refused: a device gives the container the host's hardware directly, and this host allows ${policy.allowedDevices.length ? `only devices under ${words(policy.allowedDevices)}` : "no devices"}. ${HINT}`,
      );
    }

    if (subject.gpus && !policy.allowGpus) {
      refuse(
        "gpus",
        "gpus",
        `GPUs (--gpus) are refused: they hand the host's graphics hardware and its driver to the container. ${HINT}`,
      );
    }

    const sysctls = Object.keys(subject.sysctls).filter(
      (name) => !policy.allowedSysctls.some((pattern) => sysctlMatches(pattern, name)),
    );
    if (sysctls.length > 0) {
      refuse(
        "sysctls",
        "sysctls",
        `Setting ${plural(sysctls.length, "the sysctl", "the sysctls")} ${words(sysctls)} is refused: sysctls tune the kernel the container shares with the host, and this host allows ${policy.allowedSysctls.length ? `only ${words(policy.allowedSysctls)}` : "none"}. ${HINT}`,
      );
    }

    const options = subject.securityOpt.filter((o) => !NO_NEW_PRIVILEGES.test(o.trim()));
    if (options.length > 0 && !policy.allowSecurityOptions) {
      refuse(
        "securityOptions",
        "securityOpt",
        `The security ${plural(options.length, "option", "options")} ${words(options)} ${plural(options.length, "is", "are")} refused: they change the confinement (seccomp, AppArmor, SELinux) that keeps the container off the host; only no-new-privileges, which only restricts, is always allowed. ${HINT}`,
      );
    }

    if (subject.cgroupParent && !policy.allowCgroupParent) {
      refuse(
        "cgroupParent",
        "cgroupParent",
        `A cgroup parent (${subject.cgroupParent}) is refused: it places the container outside the engine's own cgroup, beyond the limits the host sets there. ${HINT}`,
      );
    }

    const driver = subject.logDriver;
    // Without a driver of its own the container logs through the engine's default, which may
    // send the log elsewhere: then only the local drivers' options are safe to set.
    const logOptions = Object.keys(subject.logOptions ?? {}).filter(
      (o) => !LOCAL_LOG_OPTIONS.has(o),
    );
    if (!driver && logOptions.length > 0) {
      refuse(
        "logDriver",
        "logOptions",
        `The log ${plural(logOptions.length, "option", "options")} ${words(logOptions)} ${plural(logOptions.length, "is", "are")} refused without a log driver: with the engine's default driver they could have the engine send the container's output from the host. Name a log driver this host allows. ${HINT}`,
      );
    }
    if (
      driver &&
      !LOCAL_LOG_DRIVERS.includes(driver) &&
      !policy.allowedLogDrivers.includes(driver)
    ) {
      refuse(
        "logDriver",
        "logDriver",
        `The log driver ${driver} is refused: it has the engine send the container's output from the host itself; ${words(LOCAL_LOG_DRIVERS)} are always allowed. ${HINT}`,
      );
    }
  }

  const bindAllowed = (path: string) =>
    policy.allowedBindPaths.some((allowed) => isPathWithin(path, allowed));
  const noBinds = policy.allowedBindPaths.length
    ? `binds must be under ${words(policy.allowedBindPaths)}`
    : "this host allows no bind mounts (named volumes and tmpfs are always allowed)";
  const checkHostPath = (field: string, what: string, path: string) => {
    if (bound && !bindAllowed(path)) {
      refuse(
        "hostPath",
        field,
        `${what} is refused: a bind gives the container the host's own files, and ${noBinds}. ${HINT}`,
      );
    }
    const guarded = facts.protectedPaths.find((p) => pathsOverlap(path, p.path));
    if (guarded && !policy.allowProtectedPaths) {
      refuse(
        "protectedPath",
        field,
        `${what} is refused whatever the role: ${isPathWithin(path, guarded.path) ? "it is" : "it holds"} ${guarded.what} (${guarded.path}), and a container that binds it controls the host and Berth. A host admin can allow it with "Allow binding protected paths" in the host's security policy.`,
      );
    }
  };
  subject.binds.forEach((bind, i) => {
    const reveal = !bound || (bind.requested !== undefined && bindAllowed(bind.requested));
    checkHostPath(
      `binds.${i}.source`,
      `Binding ${describeBind(bind, reveal)} from the host`,
      bind.source,
    );
  });
  subject.volumes.forEach((volume, i) => {
    const device = facts.volumeBinds[volume.name];
    if (device === undefined) return;
    checkHostPath(
      `volumes.${i}.name`,
      `The volume ${volume.name}, a bind of ${device} on the host,`,
      device,
    );
  });
  return out;
}

/** The rule names of some violations, once each, in order. */
export function ruleNames(violations: readonly PolicyViolation[]): string[] {
  return [...new Set(violations.map((v) => v.rule))];
}
