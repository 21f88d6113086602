import { getAgentHub } from "@/lib/hub/agent-hub";
import type { HostFacts } from "@/lib/policy/evaluate-policy";

export type HostResolution = {
  /** The host's real path for a path that was asked about. */
  real: (path: string) => string;
  facts: HostFacts;
};

/**
 * Asks the host's agent what paths and named volumes really are (symlinks, `..`, volumes that
 * bind a host directory) and which paths it guards: only the host knows. Nothing to ask, no call.
 */
export async function resolveOnHost(
  hostId: string,
  paths: readonly string[],
  volumes: readonly string[],
): Promise<HostResolution> {
  if (paths.length === 0 && volumes.length === 0) {
    return { real: (p) => p, facts: { protectedPaths: [], volumeBinds: {} } };
  }
  const answer = await getAgentHub().call(hostId, "host.resolvePaths", {
    paths: [...new Set(paths)],
    volumes: [...new Set(volumes)],
  });
  const resolved = new Map(answer.paths.map((p) => [p.path, p.resolved]));
  return {
    real: (p) => {
      const r = resolved.get(p);
      // never compare an unresolved path: the agent answers for every path it was asked about
      if (r === undefined) throw new Error(`the host did not resolve ${p}`);
      return r;
    },
    facts: {
      protectedPaths: answer.protectedPaths,
      volumeBinds: Object.fromEntries(answer.volumes.map((v) => [v.name, v.device])),
    },
  };
}
