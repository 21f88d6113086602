import type { NetworkSpec } from "@/lib/protocol";
import type { HostRoleName } from "@/lib/auth/permissions";
import { getAgentHub } from "@/lib/hub/agent-hub";
import {
  BRIDGE_NAME_OPTION,
  networkConnectViolations,
  networkCreateViolations,
} from "@/lib/policy/network-policy";
import { policyRefusal } from "./enforce-run-policy";
import { getEffectivePolicy } from "./get-effective-policy";

/**
 * The policy gate for a new network: a macvlan or ipvlan network, or a bridge on an existing
 * host interface (asked of the host's agent only when the spec names one), needs HOST_ADMIN or
 * the policy's allowLanNetworks. A refusal throws with every violation.
 */
export async function enforceNetworkCreatePolicy(
  hostId: string,
  role: HostRoleName,
  spec: NetworkSpec,
): Promise<void> {
  const policy = await getEffectivePolicy(hostId);
  const judged = role !== "HOST_ADMIN" && !policy.allowLanNetworks;
  const interfaces =
    judged && spec.options[BRIDGE_NAME_OPTION] !== undefined
      ? (await getAgentHub().call(hostId, "host.interfaces", {})).interfaces.map((i) => i.name)
      : [];
  const violations = networkCreateViolations(spec, policy, role, interfaces);
  if (violations.length > 0) throw policyRefusal(violations);
}

/** The policy gate for connecting a container: the host network is host networking. */
export async function enforceNetworkConnectPolicy(
  hostId: string,
  role: HostRoleName,
  network: { name: string; driver: string },
): Promise<void> {
  const violations = networkConnectViolations(network, await getEffectivePolicy(hostId), role);
  if (violations.length > 0) throw policyRefusal(violations);
}
