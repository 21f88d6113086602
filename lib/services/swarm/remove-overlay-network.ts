import { BerthError, NetworkRefSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { listHostAccess } from "@/lib/services/hosts/list-host-access";
import { readSwarmStatus, requireManagerHost } from "./swarm-hosts";

/**
 * Removes an overlay network of the swarm `hostId` is in, through one of its managers. Refused,
 * naming them, while containers on any host the user can see are attached; the engine refuses
 * while a service uses it. Needs network.manage on the host named and on the manager.
 */
export async function removeOverlayNetwork(
  user: SessionUser,
  hostId: string,
  networkRef: unknown,
  clientAddress?: string,
): Promise<void> {
  const network = NetworkRefSchema.parse(networkRef);
  const hub = getAgentHub();
  await audited(
    { actor: user, action: "swarm.network.remove", hostId, target: network, clientAddress },
    async () => {
      const { host } = await requireHostPermission(user, hostId, "network.manage");
      const status = await readSwarmStatus(host.id, host.name);
      if (status.state !== "active") {
        throw new BerthError("CONFLICT", `${host.name} is not in a swarm.`);
      }
      const manager = await requireManagerHost(status, [host.id]);
      await requireHostPermission(user, manager.hostId, "network.manage");
      const { networks } = await hub.call(manager.hostId, "swarm.networks", {});
      const target = networks.find((n) => n.id === network || n.name === network);
      if (!target)
        throw new BerthError("NOT_FOUND", `The swarm has no overlay network ${network}.`);
      const attached: string[] = [];
      await Promise.all(
        (await listHostAccess(user))
          .filter((h) => hub.isOnline(h.id))
          .map(async (h) => {
            const listed = await hub.call(h.id, "network.list", {}).catch(() => null);
            const here = listed?.networks.find((n) => n.id === target.id);
            for (const c of here?.containers ?? []) attached.push(`${c.name} on ${h.name}`);
          }),
      );
      if (attached.length > 0) {
        throw new BerthError(
          "CONFLICT",
          `${target.name} is still in use: ${attached.sort().join(", ")} ${attached.length === 1 ? "is" : "are"} attached. Disconnect or remove ${attached.length === 1 ? "that container" : "those containers"} first.`,
        );
      }
      await hub.call(manager.hostId, "swarm.networkRemove", { network: target.id });
    },
  );
}
