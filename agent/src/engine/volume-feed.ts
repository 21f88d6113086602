import type { EngineEvent } from "./engine-events";

/** Volume events that change what the volume list shows (mounts change who runs with it). */
const VOLUME_LIST_EVENTS = new Set(["create", "destroy", "mount", "unmount"]);
/** Container events that change a volume's "used by". */
const USAGE_EVENTS = new Set(["create", "destroy"]);

/**
 * Tells the server when the host's volume list changed, from the engine's own events (a
 * `docker volume create` on the host shows up too). A burst of events (a prune removes dozens)
 * becomes one notice after `coalesceMs`. A created or removed volume also has sizes measured again.
 */
export class VolumeFeed {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly notify: () => void,
    private readonly sizesChanged: () => void,
    private readonly coalesceMs = 250,
  ) {}

  onEvent(event: EngineEvent): void {
    if (event.Type === "volume" && VOLUME_LIST_EVENTS.has(event.Action)) {
      if (event.Action === "create" || event.Action === "destroy") this.sizesChanged();
      this.changed();
    } else if (event.Type === "container" && USAGE_EVENTS.has(event.Action)) {
      this.changed();
    }
  }

  /** Events may have been missed, or a command changed what a volume holds. */
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
