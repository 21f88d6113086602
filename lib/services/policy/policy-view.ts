import { HostSecurityPolicySchema, type HostSecurityPolicy } from "@/lib/protocol";
import type { Prisma } from "@/lib/db";
import { STRICT_POLICY } from "@/lib/policy/effective-policy";

/** A host's policies as its page shows them: its own, its groups', and what they add up to. */
export type HostPolicyView = {
  hostId: string;
  hostName: string;
  /** The host's own policy; null when it has none. */
  own: HostSecurityPolicy | null;
  groups: Array<{ id: string; name: string; policy: HostSecurityPolicy | null }>;
  /** What containers on the host must pass (see effectivePolicy). */
  effective: HostSecurityPolicy;
  /** Neither the host nor any of its groups has a policy: the strict default applies. */
  usesDefault: boolean;
  /** The caller may change the host's own policy (HOST_ADMIN there). */
  canEdit: boolean;
};

/** A host group's policy, applied to each of its hosts together with the hosts' own. */
export type GroupPolicyView = {
  groupId: string;
  groupName: string;
  own: HostSecurityPolicy | null;
  hosts: Array<{ id: string; name: string }>;
  canEdit: boolean;
};

/**
 * A stored policy. One that no longer parses (written by a future version, changed by hand) is
 * read as the strict default: a damaged policy never allows more than none.
 */
export function readPolicy(settings: Prisma.JsonValue): HostSecurityPolicy {
  const parsed = HostSecurityPolicySchema.safeParse(settings);
  return parsed.success ? parsed.data : STRICT_POLICY;
}
