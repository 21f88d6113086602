import type { Readable } from "node:stream";
import { ContainerStatsSampleSchema, type ContainerStatsSample } from "@/lib/protocol";
import type { AgentHub } from "./agent-hub";

const RECENT_SAMPLES = 300;

type Listener = (sample: ContainerStatsSample) => void;

class SharedStats {
  readonly listeners = new Set<Listener>();
  /** Told when the stream ends (container removed, host offline). */
  readonly enders = new Set<(message?: string) => void>();
  readonly recent: ContainerStatsSample[] = [];
  private partial = "";

  constructor(readonly readable: Readable) {
    readable.setEncoding("utf8");
    readable.on("data", (text: string) => {
      const parts = (this.partial + text).split("\n");
      this.partial = parts.pop() ?? "";
      for (const part of parts) {
        const sample = ContainerStatsSampleSchema.safeParse(part ? JSON.parse(part) : null);
        if (!sample.success) continue;
        this.recent.push(sample.data);
        if (this.recent.length > RECENT_SAMPLES) this.recent.shift();
        for (const listener of this.listeners) listener(sample.data);
      }
    });
  }
}

/** Live container stats: one agent stream per container, shared by every viewer of it. */
export class StatsFanout {
  private readonly streams = new Map<string, Promise<SharedStats>>();

  constructor(private readonly hub: AgentHub) {}

  /** Resolves with the recent samples and the function that stops the listener. */
  async subscribe(
    hostId: string,
    containerId: string,
    listener: Listener,
    onEnd: (message?: string) => void,
  ): Promise<{ recent: ContainerStatsSample[]; stop: () => void }> {
    const key = `${hostId}\n${containerId}`;
    let pending = this.streams.get(key);
    if (!pending) {
      pending = this.hub
        .openStream(hostId, "container.stats", { id: containerId })
        .then((readable) => {
          const shared = new SharedStats(readable);
          const close = (err?: Error) => {
            this.streams.delete(key);
            for (const end of shared.enders) end(err?.message);
          };
          readable.on("end", () => close());
          readable.on("error", close);
          return shared;
        });
      this.streams.set(key, pending);
      pending.catch(() => this.streams.delete(key));
    }
    const shared = await pending;
    shared.listeners.add(listener);
    shared.enders.add(onEnd);
    return {
      recent: [...shared.recent],
      stop: () => {
        shared.listeners.delete(listener);
        shared.enders.delete(onEnd);
        if (shared.listeners.size === 0) {
          this.streams.delete(key);
          shared.readable.destroy();
        }
      },
    };
  }
}
