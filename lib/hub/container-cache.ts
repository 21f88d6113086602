import type { ContainerChange, ContainerSummary } from "@/lib/protocol";

type Stats = { id: string; cpuPercent: number | null; memoryBytes: number | null };

/**
 * The last known containers of every host, fed by the agents' snapshots and change events, so
 * the fleet list is filtered, sorted and paged on the server without asking any engine.
 */
export class ContainerCache {
  private readonly hosts = new Map<string, Map<string, ContainerSummary>>();

  replace(hostId: string, containers: ContainerSummary[]): void {
    this.hosts.set(hostId, new Map(containers.map((c) => [c.id, c])));
  }

  apply(hostId: string, change: ContainerChange): void {
    const containers = this.hosts.get(hostId) ?? new Map<string, ContainerSummary>();
    if (change.kind === "remove") containers.delete(change.id);
    else containers.set(change.container.id, change.container);
    this.hosts.set(hostId, containers);
  }

  patchStats(hostId: string, items: Stats[]): void {
    const containers = this.hosts.get(hostId);
    if (!containers) return;
    for (const item of items) {
      const current = containers.get(item.id);
      if (current) {
        containers.set(item.id, {
          ...current,
          cpuPercent: item.cpuPercent,
          memoryBytes: item.memoryBytes,
        });
      }
    }
  }

  forget(hostId: string): void {
    this.hosts.delete(hostId);
  }

  list(hostId: string): ContainerSummary[] {
    return [...(this.hosts.get(hostId)?.values() ?? [])];
  }

  /** Finds a container by full id, unique id prefix or name. */
  find(hostId: string, ref: string): ContainerSummary | undefined {
    const containers = this.hosts.get(hostId);
    if (!containers) return undefined;
    const byId = containers.get(ref);
    if (byId) return byId;
    const matches = [...containers.values()].filter((c) => c.name === ref || c.id.startsWith(ref));
    return matches.length === 1 ? matches[0] : undefined;
  }
}
