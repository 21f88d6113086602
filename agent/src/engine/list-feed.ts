import type { EngineEvent } from "./engine-events";

/**
 * Tells the server when one of the host's lists (images, networks, volumes) changed, so open
 * lists refresh from the engine's own events (a `docker pull` or `docker network create` on the
 * host shows up too). `follows` picks the events that change the list; a burst of them (a pull
 * tags, a prune deletes dozens) becomes one notice after `coalesceMs`.
 */
export class ListFeed {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly follows: (event: EngineEvent) => boolean,
    private readonly notify: () => void,
    private readonly coalesceMs = 250,
  ) {}

  onEvent(event: EngineEvent): void {
    if (this.follows(event)) this.changed();
  }

  /** Events may have been missed (the event stream was re-opened) or a command changed the list. */
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
