import { z } from "zod";
import { CapabilitySchema, VolumeNameSchema } from "./containers";

/** An absolute host path as a policy names it (a directory a bind may be under, a device). */
export const PolicyHostPathSchema = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .startsWith("/", "Use an absolute path on the host.")
  .refine((p) => !p.split("/").includes(".."), "Write the path without '..'.");

/** The namespaces a container can share with the host. */
export const HOST_NAMESPACES = ["network", "pid", "ipc", "uts", "userns", "cgroupns"] as const;
export const HostNamespaceSchema = z.enum(HOST_NAMESPACES);
export type HostNamespace = z.infer<typeof HostNamespaceSchema>;

/** A sysctl name, or a prefix ending in `*` such as `net.ipv4.*`. */
const SysctlPatternSchema = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9_]+(\.[a-zA-Z0-9_-]+)*(\.\*)?$/,
    "Write a sysctl name or a prefix like net.ipv4.*",
  );

/** Log drivers that keep the log on the host's disk inside the engine: never refused. */
export const LOCAL_LOG_DRIVERS: readonly string[] = ["json-file", "local", "none"];

/**
 * What containers on a host may do, for every role below HOST_ADMIN. Every field defaults to
 * the strict choice: an empty policy allows nothing beyond an ordinary container.
 */
export const HostSecurityPolicySchema = z.object({
  allowPrivileged: z.boolean().default(false),
  /** Capabilities a container may add (`--cap-add`); ALL counts as every one. */
  allowedCapabilities: z.array(CapabilitySchema).max(100).default([]),
  /** Host namespaces a container may share (`--network host`, `--pid host`, ...). */
  hostNamespaces: z.array(HostNamespaceSchema).default([]),
  /** `container:<name>` network, PID and IPC modes: joining another container's namespace. */
  allowContainerNamespaces: z.boolean().default(false),
  /** Host devices (and everything under these paths) a container may get (`--device`). */
  allowedDevices: z.array(PolicyHostPathSchema).max(100).default([]),
  allowGpus: z.boolean().default(false),
  /** Sysctls a container may set (`--sysctl`). */
  allowedSysctls: z.array(SysctlPatternSchema).max(100).default([]),
  /** Any `--security-opt` (seccomp, apparmor, label); no-new-privileges is always allowed. */
  allowSecurityOptions: z.boolean().default(false),
  allowCgroupParent: z.boolean().default(false),
  /** Log drivers besides json-file, local and none (others send the log from the host). */
  allowedLogDrivers: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  /** Host directories a bind mount may be at or under; named volumes and tmpfs always pass. */
  allowedBindPaths: z.array(PolicyHostPathSchema).max(100).default([]),
  /**
   * Creating macvlan and ipvlan networks (and bridge networks on an existing host bridge): their
   * containers sit on the host's physical LAN, beside the host, outside its NAT and firewall.
   */
  allowLanNetworks: z.boolean().default(false),
  /**
   * Binds of the agent's state and install directories, the engine's socket and data root: the
   * agent refuses these for every role, host admins included, unless this is set.
   */
  allowProtectedPaths: z.boolean().default(false),
});
export type HostSecurityPolicy = z.infer<typeof HostSecurityPolicySchema>;
export type HostSecurityPolicyInput = z.input<typeof HostSecurityPolicySchema>;

/** Rule names, as violations, audit rows and the policy page show them. */
export const POLICY_RULES = [
  "privileged",
  "capabilities",
  "hostNamespace",
  "containerNamespace",
  "devices",
  "gpus",
  "sysctls",
  "securityOptions",
  "cgroupParent",
  "logDriver",
  "hostPath",
  "protectedPath",
  "lanNetwork",
] as const;
export const PolicyRuleSchema = z.enum(POLICY_RULES);
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;

/** One thing a policy refuses, next to the RunSpec field it is about (`binds.0.source`). */
export const PolicyViolationSchema = z.object({
  rule: z.string(),
  field: z.string(),
  message: z.string(),
});
export type PolicyViolation = z.infer<typeof PolicyViolationSchema>;

/** PUT body of a host's or a group's policy: null removes it. */
export const PolicyUpdateSchema = z.object({ policy: HostSecurityPolicySchema.nullable() });
export type PolicyUpdate = z.infer<typeof PolicyUpdateSchema>;

/** A path the agent guards, and what it is (e.g. "the agent's state directory"). */
export const ProtectedPathSchema = z.object({ path: z.string(), what: z.string() });
export type ProtectedPath = z.infer<typeof ProtectedPathSchema>;

/** host.resolvePaths: what paths and named volumes really are on the host. */
export const ResolvePathsParamsSchema = z.object({
  paths: z
    .array(z.string().trim().min(1).max(4096).startsWith("/", "Use an absolute path."))
    .max(500),
  volumes: z.array(VolumeNameSchema).max(500),
});

export const ResolvePathsResultSchema = z.object({
  /** In the order asked: symlinks followed and `..` applied as the host's kernel would. */
  paths: z.array(z.object({ path: z.string(), resolved: z.string() })),
  /** Existing named volumes that are binds of a host directory, with that directory resolved. */
  volumes: z.array(z.object({ name: z.string(), device: z.string() })),
  /** What the agent refuses to bind without the policy's allowProtectedPaths, resolved. */
  protectedPaths: z.array(ProtectedPathSchema),
});
export type ResolvePathsResult = z.infer<typeof ResolvePathsResultSchema>;
