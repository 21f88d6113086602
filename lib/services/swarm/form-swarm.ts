import { BerthError, SWARM_PORT, type SwarmStatus } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { readAdvertiseAddresses } from "./advertise-address";
import { managerNodeIds, requireManagerHost, type ManagerHost } from "./swarm-hosts";

/** A swarm of three managers keeps working when one is lost; fewer nodes get one. */
const MANAGERS_FROM = 3;
const JOIN_TIMEOUT_MS = 45_000;
const READY_TIMEOUT_MS = 20_000;

export type SwarmMemberInput = { hostId: string; advertiseAddr?: string | undefined };

export type FormedMember = {
  hostId: string;
  hostName: string;
  /** What Berth did: it was already in the swarm, or it joined now (or founded it). */
  action: "member" | "joined" | "initialized" | "promoted";
  role: "manager" | "worker";
  advertiseAddr: string;
};

export type FormedSwarm = { manager: ManagerHost; members: FormedMember[] };

type Member = {
  index: number;
  hostId: string;
  hostName: string;
  seenAt: string | null;
  advertiseAddr?: string | undefined;
  status: SwarmStatus;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Puts the given hosts in one swarm through their agents: when none is in a swarm, the first
 * founds one; the others join the swarm those already in it share, as managers until there are
 * three (or one, in a swarm of fewer than three nodes), as workers after; chosen workers already
 * in the swarm are promoted when that leaves too few managers. The join tokens go from
 * a manager's agent to the joining agent through this process only: never into a response, an
 * audit row or a log. Each founding and joining is audited on its host. The caller needs
 * `permission` on every host touched, the manager used included.
 */
export async function formSwarm(
  user: SessionUser,
  inputs: readonly SwarmMemberInput[],
  permission: HostPermission,
  options: { clientAddress?: string | undefined; defaultAddrPool?: string | undefined } = {},
): Promise<FormedSwarm> {
  const { clientAddress, defaultAddrPool } = options;
  const hub = getAgentHub();
  const chosen: Array<Omit<Member, "status">> = [];
  for (const [index, input] of inputs.entries()) {
    const { host } = await requireHostPermission(user, input.hostId, permission);
    if (!hub.isOnline(host.id)) {
      throw new BerthError("HOST_OFFLINE", `${host.name} is offline.`, `hosts.${index}`);
    }
    chosen.push({
      index,
      hostId: host.id,
      hostName: host.name,
      seenAt: host.address,
      advertiseAddr: input.advertiseAddr,
    });
  }
  const members: Member[] = await Promise.all(
    chosen.map(async (m) => {
      const status = await asMember(m, () => hub.call(m.hostId, "swarm.status", {}));
      if (!["active", "inactive"].includes(status.state)) {
        throw new BerthError(
          "CONFLICT",
          `${m.hostName}'s engine is in the swarm state "${status.state}"${status.error ? ` (${status.error})` : ""}: make it leave that swarm first.`,
          `hosts.${m.index}`,
        );
      }
      return { ...m, status };
    }),
  );
  const inSwarm = members.filter((m) => m.status.state === "active");
  checkOneSwarm(inSwarm);

  const formed: FormedMember[] = [];
  let manager: ManagerHost;
  let joining = members.filter((m) => m.status.state === "inactive");
  const founder = inSwarm.length === 0 ? joining[0] : undefined;
  if (founder) {
    const advertiseAddr = await addressOf(founder);
    await audited(
      {
        actor: user,
        action: "swarm.init",
        hostId: founder.hostId,
        target: founder.hostName,
        params: { advertiseAddr, defaultAddrPool },
        clientAddress,
      },
      () =>
        asMember(founder, () =>
          hub.call(founder.hostId, "swarm.init", { advertiseAddr, defaultAddrPool }),
        ),
    );
    const status = await hub.call(founder.hostId, "swarm.status", {});
    manager = { hostId: founder.hostId, hostName: founder.hostName, status };
    formed.push({ ...named(founder), action: "initialized", role: "manager", advertiseAddr });
    joining = joining.slice(1);
  } else {
    const first = inSwarm[0]!;
    manager = await requireManagerHost(
      first.status,
      inSwarm.map((m) => m.hostId),
    );
    if (!members.some((m) => m.hostId === manager.hostId)) {
      await requireHostPermission(user, manager.hostId, permission);
    }
  }
  for (const m of inSwarm) {
    formed.push({
      ...named(m),
      action: "member",
      role: m.status.manager ? "manager" : "worker",
      advertiseAddr: m.status.nodeAddr,
    });
  }
  const { nodes } = await hub.call(manager.hostId, "swarm.nodes", {});
  const tokens = joining.length > 0 ? await hub.call(manager.hostId, "swarm.joinTokens", {}) : null;
  let managers = nodes.filter((n) => n.role === "manager").length;
  const wanted = nodes.length + joining.length >= MANAGERS_FROM ? MANAGERS_FROM : 1;
  const remoteAddr = `${manager.status.nodeAddr}:${SWARM_PORT}`;
  for (const m of joining) {
    const role = managers < wanted ? "manager" : "worker";
    const advertiseAddr = await addressOf(m);
    const { nodeId } = await audited(
      {
        actor: user,
        action: "swarm.join",
        hostId: m.hostId,
        target: m.hostName,
        params: { advertiseAddr, role, manager: manager.hostName },
        clientAddress,
      },
      () =>
        asMember(m, () =>
          hub.call(
            m.hostId,
            "swarm.join",
            { advertiseAddr, remoteAddr, joinToken: tokens![role] },
            { timeoutMs: JOIN_TIMEOUT_MS },
          ),
        ),
    );
    if (role === "manager") managers += 1;
    await waitUntilReady(manager, m, nodeId);
    formed.push({ ...named(m), action: "joined", role, advertiseAddr });
  }
  // two managers are worse than one (both are needed for a quorum): workers among the chosen
  // hosts that were already in the swarm are promoted until there are three
  for (const m of inSwarm) {
    if (managers >= wanted) break;
    if (m.status.manager) continue;
    await audited(
      {
        actor: user,
        action: "swarm.node.update",
        hostId: m.hostId,
        target: m.hostName,
        params: { role: "manager" },
        clientAddress,
      },
      () =>
        hub.call(manager.hostId, "swarm.nodeUpdate", { nodeId: m.status.nodeId, role: "manager" }),
    );
    managers += 1;
    await waitUntilReachable(manager, m);
    const entry = formed.find((f) => f.hostId === m.hostId);
    if (entry) Object.assign(entry, { action: "promoted", role: "manager" });
  }
  return { manager, members: formed };
}

const named = (m: Member) => ({ hostId: m.hostId, hostName: m.hostName });

/** The chosen address, or the one suggested from the host's interfaces. */
async function addressOf(m: Member): Promise<string> {
  if (m.advertiseAddr) return m.advertiseAddr;
  const { suggested } = await asMember(m, () => readAdvertiseAddresses(m.hostId, m.seenAt));
  if (!suggested) {
    throw new BerthError(
      "BAD_REQUEST",
      `${m.hostName} has no IPv4 address to advertise to the swarm: enter one.`,
      `hosts.${m.index}.advertiseAddr`,
    );
  }
  return suggested;
}

/** Hosts already in swarms must all be in the same one: Berth does not merge swarms. */
function checkOneSwarm(inSwarm: readonly Member[]): void {
  const [first, ...rest] = inSwarm;
  if (!first) return;
  const ids = new Set(managerNodeIds(first.status));
  const stranger = rest.find((m) => !managerNodeIds(m.status).some((id) => ids.has(id)));
  if (stranger) {
    throw new BerthError(
      "CONFLICT",
      `${first.hostName} and ${stranger.hostName} are in different swarms: a network spans one swarm. Make one of them leave its swarm first.`,
      `hosts.${stranger.index}`,
    );
  }
}

/** Runs an agent call for one member, naming the host and its form row when it fails. */
async function asMember<T>(
  m: { index: number; hostName: string },
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof BerthError)) throw err;
    if (err.code === "HOST_OFFLINE") {
      throw new BerthError(
        "HOST_OFFLINE",
        `${m.hostName} went offline while it was being added to the swarm.`,
        `hosts.${m.index}`,
      );
    }
    const field =
      err.field === "advertiseAddr" ? `hosts.${m.index}.advertiseAddr` : `hosts.${m.index}`;
    throw new BerthError(err.code, `${m.hostName}: ${err.message}`, field, {
      external: err.external,
    });
  }
}

/** A node that joined but never becomes Ready (its manager cannot reach it) is an error. */
async function waitUntilReady(manager: ManagerHost, m: Member, nodeId: string): Promise<void> {
  const hub = getAgentHub();
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let seen = "not listed";
  for (;;) {
    const { nodes } = await hub.call(manager.hostId, "swarm.nodes", {});
    const node = nodes.find((n) => n.id === nodeId);
    if (node?.state === "ready") return;
    if (node) seen = `${node.state}${node.message ? `: ${node.message}` : ""}`;
    if (Date.now() > deadline) {
      throw new BerthError(
        "CONFLICT",
        `${m.hostName} joined the swarm but its node did not become ready within ${READY_TIMEOUT_MS / 1000} s (${seen}). Check that the managers can reach its advertise address on ports 2377, 7946 and 4789.`,
        `hosts.${m.index}.advertiseAddr`,
      );
    }
    await sleep(250);
  }
}

/** A promoted node counts once the managers reach it as one of them. */
async function waitUntilReachable(manager: ManagerHost, m: Member): Promise<void> {
  const hub = getAgentHub();
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const { nodes } = await hub.call(manager.hostId, "swarm.nodes", {});
    const node = nodes.find((n) => n.id === m.status.nodeId);
    if (node?.reachability === "reachable") return;
    if (Date.now() > deadline) {
      throw new BerthError(
        "CONFLICT",
        `${m.hostName} was made a manager but the other managers do not reach it as one (${node?.reachability ?? "not listed"}).`,
        `hosts.${m.index}`,
      );
    }
    await sleep(250);
  }
}
