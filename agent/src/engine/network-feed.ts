import type { EngineEvent } from "./engine-events";

/** Network events that change what the network list shows. */
export const NETWORK_LIST_EVENTS = ["create", "destroy", "remove", "connect", "disconnect"];
const NETWORK_EVENTS = new Set(NETWORK_LIST_EVENTS);
/** Container events that change a network's containers (a stopped container stays connected). */
const CONTAINER_EVENTS = new Set(["create", "destroy", "rename"]);

/**
 * Tells the server when the host's networks changed, so open network lists refresh from the
 * engine's own events (a `docker network create` on the host shows up too). A burst (a prune,
 * a compose project starting) becomes one notice after `coalesceMs`.
 */
export class NetworkFeed {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly notify: () => void,
    private readonly coalesceMs = 250,
  ) {}

  onEvent(event: EngineEvent): void {
    const followed =
      event.Type === "network"
        ? NETWORK_EVENTS.has(event.Action)
        : event.Type === "container" && CONTAINER_EVENTS.has(event.Action);
    if (followed) this.changed();
  }

  /** Events may have been missed (the event stream was re-established). */
  changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.notify();
    }, this.coalesceMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
