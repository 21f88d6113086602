import type { ContainerSummary } from "@/lib/protocol";
import type { AgentHub } from "@/lib/hub/agent-hub";
import type { LogDelivery } from "@/lib/hub/log-fanout";
import type { LogStream } from "@/lib/alerts/alert-evaluator";

type WatchedContainer = { name: string; labels: Readonly<Record<string, string>> };

type Following = { stop: (() => void) | null; cancelled: boolean };

const NL = "\n";

/**
 * Follows, from now on, the logs of the running containers that some log_pattern rule watches,
 * through the hub's log fan-out like any viewer (so a slow reader is told it fell behind instead
 * of growing memory), and hands every line to `onLine`. `sync` starts and stops streams as
 * containers start, stop or go away and as rules change; a stream that ended while its container
 * still runs is opened again at the next sync.
 */
export class AlertLogWatcher {
  /** hostId \n containerId → its stream */
  private readonly following = new Map<string, Following>();

  constructor(
    private readonly hub: AgentHub,
    private readonly watches: (hostId: string, container: WatchedContainer) => boolean,
    private readonly onLine: (
      hostId: string,
      container: WatchedContainer,
      stream: LogStream,
      text: string,
    ) => void,
  ) {}

  /** Follows exactly the running, watched containers of this host (none while it is offline). */
  sync(hostId: string): void {
    const wanted = new Map<string, ContainerSummary>();
    if (this.hub.isOnline(hostId)) {
      for (const container of this.hub.containers.list(hostId)) {
        if (container.state === "running" && this.watches(hostId, container)) {
          wanted.set(`${hostId}\n${container.id}`, container);
        }
      }
    }
    const prefix = `${hostId}\n`;
    for (const [key, following] of this.following) {
      if (key.startsWith(prefix) && !wanted.has(key)) this.end(key, following);
    }
    for (const [key, container] of wanted) {
      if (!this.following.has(key)) this.follow(key, hostId, container);
    }
  }

  /** Hosts with a followed container. */
  hosts(): Set<string> {
    return new Set([...this.following.keys()].map((key) => key.slice(0, key.indexOf("\n"))));
  }

  stopAll(): void {
    for (const [key, following] of this.following) this.end(key, following);
  }

  private end(key: string, following: Following): void {
    this.following.delete(key);
    following.cancelled = true;
    following.stop?.();
  }

  private follow(key: string, hostId: string, container: ContainerSummary): void {
    const following: Following = { stop: null, cancelled: false };
    this.following.set(key, following);
    const watched = { name: container.name, labels: container.labels };
    const delivery: LogDelivery = {
      send: (data, ack) => {
        // evaluated synchronously before the ack: a slow evaluator slows the stream, it never queues
        if (!following.cancelled) this.read(hostId, watched, data.toString("utf8"));
        ack();
      },
      end: () => {
        if (this.following.get(key) === following) this.following.delete(key);
      },
    };
    this.hub.logFanout
      .subscribe(hostId, { id: container.id, follow: true, tail: 0 }, undefined, delivery)
      .then(
        (stop) => {
          following.stop = stop;
          if (following.cancelled) stop();
        },
        () => {
          if (this.following.get(key) === following) this.following.delete(key);
        },
      );
  }

  /** Log records: "o" or "e", the engine's timestamp, a space, the text, a newline. */
  private read(hostId: string, container: WatchedContainer, records: string): void {
    let start = 0;
    while (start < records.length) {
      let end = records.indexOf(NL, start);
      if (end < 0) end = records.length;
      const space = records.indexOf(" ", start);
      if (space > start && space < end) {
        const stream: LogStream = records[start] === "e" ? "stderr" : "stdout";
        this.onLine(hostId, container, stream, records.slice(space + 1, end));
      }
      start = end + 1;
    }
  }
}
