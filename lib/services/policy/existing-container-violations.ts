import type { HostSecurityPolicy, PolicyViolation } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { evaluatePolicy, ruleNames, type PolicySubject } from "@/lib/policy/evaluate-policy";
import { subjectFromInspect } from "@/lib/policy/subject-from-inspect";
import { resolveOnHost } from "./resolve-on-host";

/** How far a chain of containers joining each other's namespaces is followed. */
const MAX_JOIN_DEPTH = 3;

const JOIN_FIELDS = ["networkMode", "pidMode", "ipcMode"] as const;

/**
 * The namespaces `subject` joins (`container:<name>`), each checked as the container it joins:
 * joining a container shares what it can reach, so it needs the role that could have made it.
 */
export async function joinedContainerViolations(
  hostId: string,
  subject: PolicySubject,
  policy: HostSecurityPolicy,
  role: HostRoleName,
  depth = 0,
): Promise<PolicyViolation[]> {
  if (role === "HOST_ADMIN" || !policy.allowContainerNamespaces) return [];
  const out: PolicyViolation[] = [];
  for (const field of JOIN_FIELDS) {
    const mode = subject[field];
    if (!mode?.startsWith("container:")) continue;
    const ref = mode.slice("container:".length);
    if (depth >= MAX_JOIN_DEPTH) {
      out.push({
        rule: "containerNamespace",
        field,
        message: `Joining container ${ref} is refused: it ends a chain of containers sharing namespaces longer than Berth follows (${MAX_JOIN_DEPTH}).`,
      });
      continue;
    }
    const found = await existingContainerViolations(hostId, ref, policy, role, depth + 1);
    if (found.length === 0) continue;
    out.push({
      rule: "containerNamespace",
      field,
      message: `Joining container ${ref} is refused: it has powers on the host this role could not give it (${ruleNames(found).join(", ")}), and joining it would share them. A host admin can allow those in the host's security policy.`,
    });
  }
  return out;
}

/**
 * What an existing container may do on its host that `role` could not have given it under
 * `policy`: read from its inspect, with its bind sources and volumes resolved on the host.
 */
export async function existingContainerViolations(
  hostId: string,
  ref: string,
  policy: HostSecurityPolicy,
  role: HostRoleName,
  depth = 0,
): Promise<PolicyViolation[]> {
  const { inspect } = await getAgentHub().call(hostId, "container.inspect", { id: ref });
  const read = subjectFromInspect(inspect);
  const host = await resolveOnHost(
    hostId,
    [...read.binds.map((b) => b.source), ...read.devices.map((d) => d.hostPath)],
    read.volumes.map((v) => v.name),
  );
  const subject: PolicySubject = {
    ...read,
    binds: read.binds.map((b) => ({ source: host.real(b.source), requested: b.source })),
    devices: read.devices.map((d) => ({ hostPath: host.real(d.hostPath) })),
  };
  return [
    ...evaluatePolicy(subject, policy, role, host.facts),
    ...(await joinedContainerViolations(hostId, subject, policy, role, depth)),
  ];
}
