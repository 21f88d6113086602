import type { HostInterface } from "@/lib/protocol";
import { getAgentHub } from "@/lib/hub/agent-hub";

/** The IPv4 addresses a host can advertise to the swarm: its own interfaces', not the engine's. */
export function advertiseCandidates(interfaces: readonly HostInterface[]): string[] {
  return interfaces
    .filter((i) => i.up && !i.engine && i.type !== "loopback")
    .flatMap((i) => i.addresses.filter((a) => a.family === 4).map((a) => a.address));
}

/**
 * The address a host advertises unless the user picks another: the one the server sees its
 * agent connect from when the host has it (the others reach the host there too), else its first.
 */
export function suggestAdvertiseAddress(
  candidates: readonly string[],
  seenAt: string | null,
): string | null {
  if (seenAt && candidates.includes(seenAt)) return seenAt;
  return candidates[0] ?? null;
}

/** Asks the host's agent for its interfaces and suggests an address from them. */
export async function readAdvertiseAddresses(
  hostId: string,
  seenAt: string | null,
): Promise<{ addresses: string[]; suggested: string | null }> {
  const { interfaces } = await getAgentHub().call(hostId, "host.interfaces", {});
  const addresses = advertiseCandidates(interfaces);
  return { addresses, suggested: suggestAdvertiseAddress(addresses, seenAt) };
}
