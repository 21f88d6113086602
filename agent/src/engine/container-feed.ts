import type Docker from "dockerode";
import type { ContainerChange, ContainerSummary } from "@/lib/protocol";
import { describeError, log } from "../log";
import { listContainers, listOneContainer, type SummaryFacts } from "./container-summary";

/** Engine container events that change what the container list shows. */
export const CONTAINER_LIST_EVENTS = [
  "create",
  "start",
  "die",
  "stop",
  "kill",
  "pause",
  "unpause",
  "rename",
  "destroy",
  "health_status",
  "restart",
  "update",
  "oom",
] as const;

const LIST_EVENTS = new Set<string>(CONTAINER_LIST_EVENTS);

/** "health_status: healthy" → "health_status" */
export const baseAction = (action: string) => action.split(":")[0]!.trim();

export interface ContainerFeedSink {
  snapshot(containers: ContainerSummary[]): void;
  change(change: ContainerChange): void;
}

/**
 * Live container list for the server: a full snapshot when started (every connect, and after
 * the engine event stream was re-established), then one upsert/remove per changed container.
 * Events of one container within `coalesceMs` become one re-list of that container.
 */
export class ContainerFeed {
  private active = false;
  private generation = 0;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  /** Containers that changed while a snapshot was being listed: sent right after it. */
  private readonly afterSnapshot = new Set<string>();
  /** generation whose snapshot is being listed */
  private snapshotGen: number | null = null;

  constructor(
    private readonly docker: Docker,
    private readonly sink: ContainerFeedSink,
    private readonly facts: SummaryFacts = {},
    private readonly coalesceMs = 50,
  ) {}

  /** On connect: send the full list, then follow changes. Retries the list until it works. */
  async start(): Promise<void> {
    this.stop();
    this.active = true;
    await this.sendSnapshot(this.generation);
  }

  /** On disconnect: drop pending work; the next start sends a fresh snapshot. */
  stop(): void {
    this.active = false;
    this.generation += 1;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.again.clear();
    this.afterSnapshot.clear();
  }

  /** The engine event stream was re-established: events may have been missed. */
  resync(): void {
    if (this.active) void this.sendSnapshot(this.generation);
  }

  /** One engine event (Type "container"). */
  onEvent(action: string, id: string): void {
    if (!this.active || !id || !LIST_EVENTS.has(baseAction(action))) return;
    // `docker update` changes limits; a destroyed container's digest is of no more use
    if (["update", "destroy"].includes(baseAction(action))) this.facts.digests?.forget(id);
    if (this.timers.has(id)) return; // already coming
    const generation = this.generation;
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        void this.flush(id, generation);
      }, this.coalesceMs),
    );
  }

  private async flush(id: string, generation: number): Promise<void> {
    if (this.snapshotGen === generation) {
      this.afterSnapshot.add(id); // a change must never arrive before an older snapshot
      return;
    }
    if (this.inFlight.has(id)) {
      this.again.add(id); // re-list once more when the current one is done
      return;
    }
    const run = (async () => {
      try {
        const container = await listOneContainer(this.docker, id, this.facts);
        if (!this.active || generation !== this.generation) return;
        this.sink.change(container ? { kind: "upsert", container } : { kind: "remove", id });
      } catch (err) {
        log.warn(`container ${id.slice(0, 12)}: list after event failed: ${describeError(err)}`);
      }
    })();
    this.inFlight.set(id, run);
    await run;
    this.inFlight.delete(id);
    if (this.again.delete(id) && generation === this.generation) await this.flush(id, generation);
  }

  private async sendSnapshot(generation: number): Promise<void> {
    if (this.snapshotGen === generation) return;
    this.snapshotGen = generation;
    let delay = 1_000;
    try {
      // changes being listed right now finish first, so none lands after the snapshot
      await Promise.all(this.inFlight.values());
      while (this.active && generation === this.generation) {
        try {
          const list = await listContainers(this.docker, this.facts);
          if (!this.active || generation !== this.generation) return;
          this.sink.snapshot(list);
          return;
        } catch (err) {
          log.warn(`container list for the snapshot failed: ${describeError(err)}; retrying`);
          await new Promise((r) => setTimeout(r, delay));
          delay = Math.min(delay * 2, 30_000);
        }
      }
    } finally {
      if (this.snapshotGen === generation) this.snapshotGen = null;
      const ids = [...this.afterSnapshot];
      this.afterSnapshot.clear();
      if (this.active && generation === this.generation) {
        for (const id of ids) void this.flush(id, generation);
      }
    }
  }
}
