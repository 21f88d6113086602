import {
  HOST_NAMESPACES,
  HostSecurityPolicySchema,
  type HostSecurityPolicy,
} from "@/lib/protocol/policy";
import { intersectPathLists } from "./host-paths";

/** The policy of a host on which nobody wrote one: nothing beyond an ordinary container. */
export const STRICT_POLICY: HostSecurityPolicy = HostSecurityPolicySchema.parse({});

/** `net.ipv4.*` → `net.ipv4.`; null for an exact name. */
const stem = (pattern: string) => (pattern.endsWith(".*") ? pattern.slice(0, -1) : null);

/** True when the sysctl pattern (a name, or a prefix ending in `.*`) covers `name`. */
export function sysctlMatches(pattern: string, name: string): boolean {
  const s = stem(pattern);
  return s === null ? pattern === name : name.startsWith(s);
}

/** True when everything `inner` allows, `outer` allows too. */
function sysctlCovers(outer: string, inner: string): boolean {
  const s = stem(outer);
  return s === null ? outer === inner : (stem(inner) ?? inner).startsWith(s);
}

/** Names and prefixes both lists allow: the narrower of each overlapping pair. */
function intersectSysctls(a: readonly string[], b: readonly string[]): string[] {
  const out = new Set<string>();
  for (const x of a) {
    for (const y of b) {
      if (sysctlCovers(y, x)) out.add(x);
      else if (sysctlCovers(x, y)) out.add(y);
    }
  }
  return [...out].sort();
}

function intersectCapabilities(a: readonly string[], b: readonly string[]): string[] {
  if (a.includes("ALL")) return [...b];
  if (b.includes("ALL")) return [...a];
  return a.filter((c) => b.includes(c));
}

const both = (a: readonly string[], b: readonly string[]) => a.filter((x) => b.includes(x));

/** A container passes the result exactly when it passes both policies. */
function intersect(a: HostSecurityPolicy, b: HostSecurityPolicy): HostSecurityPolicy {
  return {
    allowPrivileged: a.allowPrivileged && b.allowPrivileged,
    allowedCapabilities: intersectCapabilities(a.allowedCapabilities, b.allowedCapabilities),
    hostNamespaces: HOST_NAMESPACES.filter(
      (n) => a.hostNamespaces.includes(n) && b.hostNamespaces.includes(n),
    ),
    allowContainerNamespaces: a.allowContainerNamespaces && b.allowContainerNamespaces,
    allowedDevices: intersectPathLists(a.allowedDevices, b.allowedDevices),
    allowGpus: a.allowGpus && b.allowGpus,
    allowedSysctls: intersectSysctls(a.allowedSysctls, b.allowedSysctls),
    allowSecurityOptions: a.allowSecurityOptions && b.allowSecurityOptions,
    allowCgroupParent: a.allowCgroupParent && b.allowCgroupParent,
    allowedLogDrivers: both(a.allowedLogDrivers, b.allowedLogDrivers),
    allowedBindPaths: intersectPathLists(a.allowedBindPaths, b.allowedBindPaths),
    allowLanNetworks: a.allowLanNetworks && b.allowLanNetworks,
    allowProtectedPaths: a.allowProtectedPaths && b.allowProtectedPaths,
  };
}

/**
 * The policy that governs a host: the strict default when neither the host nor any of its groups
 * has one; otherwise what every existing policy (the host's and each group's) allows, so a
 * container must pass all of them. A group can only narrow what a host allows, and the reverse.
 */
export function effectivePolicy(policies: readonly HostSecurityPolicy[]): HostSecurityPolicy {
  const [first, ...rest] = policies;
  if (!first) return STRICT_POLICY;
  return rest.reduce(intersect, first);
}
