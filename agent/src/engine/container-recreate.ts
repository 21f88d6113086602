import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import { BerthError, type RunSpec } from "@/lib/protocol";
import { refuseProtectedMounts } from "../policy/refuse-protected-mounts";
import type { CommandContext, CommandHandler } from "./command-types";
import { createFromSpec, removeQuietly, startContainer } from "./create-from-spec";

/** How long the replacement must stay up before the old container goes. */
const SETTLE_MS = 1_000;
const POLL_MS = 200;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface InspectState {
  Name?: string;
  State?: {
    Status?: string;
    Running?: boolean;
    Restarting?: boolean;
    ExitCode?: number;
    Error?: string;
    Health?: { Status?: string; Log?: Array<{ ExitCode?: number; Output?: string }> | null };
  };
  HostConfig?: { PortBindings?: Record<string, Array<{ HostPort?: string }> | null> | null };
  Config?: { MacAddress?: string; Healthcheck?: { Test?: string[] | null } | null };
  NetworkSettings?: {
    Networks?: Record<
      string,
      {
        IPAddress?: string;
        GlobalIPv6Address?: string;
        IPAMConfig?: { IPv4Address?: string; IPv6Address?: string } | null;
      } | null
    > | null;
  };
}

/** "80/tcp" style keys of the host ports the old container binds, as "8080/tcp". */
function fixedHostPorts(old: InspectState): Set<string> {
  const out = new Set<string>();
  for (const [key, list] of Object.entries(old.HostConfig?.PortBindings ?? {})) {
    const proto = key.split("/")[1] ?? "tcp";
    for (const b of list ?? []) if (b.HostPort) out.add(`${b.HostPort}/${proto}`);
  }
  return out;
}

/** The static or current addresses the old container holds on each network, as "net addr". */
function heldAddresses(old: InspectState): Set<string> {
  const out = new Set<string>();
  for (const [network, endpoint] of Object.entries(old.NetworkSettings?.Networks ?? {})) {
    const ipam = endpoint?.IPAMConfig;
    for (const address of [
      endpoint?.IPAddress,
      endpoint?.GlobalIPv6Address,
      ipam?.IPv4Address,
      ipam?.IPv6Address,
    ])
      if (address) out.add(`${network} ${address}`);
  }
  return out;
}

/**
 * True when the replacement wants something only one container can hold at a time and the old
 * one holds it: a host port, a static address on the same network, or its MAC address.
 */
export function needsHeldResources(old: InspectState, spec: RunSpec): boolean {
  const held = fixedHostPorts(old);
  if (spec.ports.some((p) => p.hostPort !== undefined && held.has(`${p.hostPort}/${p.protocol}`)))
    return true;
  const addresses = heldAddresses(old);
  const wantsHeldAddress = spec.networks.some((n) =>
    [n.ipv4Address, n.ipv6Address].some((a) => a && addresses.has(`${n.name} ${a}`)),
  );
  const oldMac = old.Config?.MacAddress?.toLowerCase();
  return wantsHeldAddress || (!!oldMac && spec.macAddress?.toLowerCase() === oldMac);
}

/** Waits ~1 s and fails unless the container is running and neither restarting nor exited. */
async function waitRunning(docker: Docker, id: string): Promise<void> {
  const end = performance.now() + SETTLE_MS;
  for (;;) {
    const s = ((await docker.getContainer(id).inspect()) as InspectState).State ?? {};
    if (!s.Running || s.Restarting) {
      const why = s.Error ? `: ${s.Error}` : ` (exit code ${s.ExitCode ?? "unknown"})`;
      throw new BerthError(
        "ENGINE_ERROR",
        `The new container did not keep running; it is ${s.Restarting ? "restarting" : (s.Status ?? "stopped")}${why}. The old container was kept.`,
      );
    }
    if (performance.now() >= end) return;
    await sleep(POLL_MS);
  }
}

/** True when the container's config (its own or its image's) has a healthcheck. */
function hasHealthcheck(state: InspectState): boolean {
  const test = state.Config?.Healthcheck?.Test;
  return !!test && test.length > 0 && test[0] !== "NONE";
}

/**
 * Waits until the container's healthcheck says healthy; fails when it says unhealthy, when the
 * container stops, or when `timeoutMs` runs out first.
 */
async function waitHealthy(docker: Docker, id: string, timeoutMs: number): Promise<void> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const s = ((await docker.getContainer(id).inspect()) as InspectState).State ?? {};
    const health = s.Health?.Status;
    if (health === "healthy") return;
    if (!s.Running || s.Restarting) {
      throw new BerthError(
        "ENGINE_ERROR",
        `The new container stopped before it turned healthy (exit code ${s.ExitCode ?? "unknown"}). The old container was kept.`,
      );
    }
    if (health === "unhealthy") {
      const last = s.Health?.Log?.at(-1)?.Output?.trim().slice(0, 200);
      throw new BerthError(
        "ENGINE_ERROR",
        `The new container turned unhealthy${last ? ` (${last})` : ""}. The old container was kept.`,
      );
    }
    if (performance.now() >= end) {
      throw new BerthError(
        "ENGINE_ERROR",
        `The new container was not healthy within ${Math.round(timeoutMs / 1000)} s. The old container was kept.`,
      );
    }
    await sleep(POLL_MS);
  }
}

async function stopAndRemove(docker: Docker, id: string): Promise<void> {
  const c = docker.getContainer(id);
  try {
    await c.stop();
  } catch (err) {
    const code = (err as { statusCode?: unknown }).statusCode;
    if (code !== 304 && code !== 404) throw err;
  }
  await c.remove({ force: true });
}

/**
 * Replaces a container: the new one is created under a temporary name and started; only once
 * it has kept running for ~1 s is the old one stopped and removed and the new one renamed to
 * the old name (or spec.name). When the new one needs host ports, addresses or the MAC address
 * the old one holds, the old is stopped just before the new starts (and started again if the new
 * one fails). A failing new container is removed; the old one stays. With repullOnRecreate the
 * image is pulled again first, to pick up a newer one under the same tag. With waitHealthyMs a
 * new container that has a healthcheck must also turn healthy within that time.
 */
export const containerRecreate: CommandHandler<"container.recreate"> = async (
  { id, spec, allowProtectedPaths, waitHealthyMs },
  ctx: CommandContext,
) => {
  await refuseProtectedMounts(spec, allowProtectedPaths, ctx);
  const { docker, socketPath } = ctx;
  const old = (await docker.getContainer(id).inspect()) as InspectState & { Id: string };
  const oldName = (old.Name ?? "").replace(/^\//, "");
  const finalName = spec.name?.replace(/^\//, "") ?? oldName;
  const tempName = `${finalName.slice(0, 100)}-berth-new-${randomBytes(3).toString("hex")}`;

  const created = await createFromSpec(spec, ctx, {
    name: tempName,
    start: false,
    ...(spec.repullOnRecreate ? { pull: "always" as const } : {}),
  });
  let stoppedOld = false;
  try {
    if (spec.start) {
      if (old.State?.Running && needsHeldResources(old, spec)) {
        await docker.getContainer(old.Id).stop();
        stoppedOld = true;
      }
      await startContainer(docker, created.id);
      if (!spec.autoRemove) await waitRunning(docker, created.id);
      if (waitHealthyMs !== undefined) {
        const state = (await docker.getContainer(created.id).inspect()) as InspectState;
        if (hasHealthcheck(state)) {
          ctx.emitProgress?.({ phase: "update", status: "waiting for healthy" });
          await waitHealthy(docker, created.id, waitHealthyMs);
        }
      }
    }
  } catch (err) {
    await removeQuietly(docker, created.id, socketPath);
    if (stoppedOld) await startContainer(docker, old.Id).catch(() => {});
    throw err;
  }
  await stopAndRemove(docker, old.Id);
  await docker.getContainer(created.id).rename({ name: finalName });
  return { id: created.id, name: finalName, warnings: created.warnings };
};
