import type { EngineEvent } from "./engine-events";

/** Image events that change what the image list shows. */
const IMAGE_LIST_EVENTS = new Set(["pull", "load", "import", "tag", "untag", "delete", "push"]);
/** Container events that change an image's "used by". */
const USAGE_EVENTS = new Set(["create", "destroy"]);

/**
 * Tells the server when the host's image list changed, so open image lists refresh from the
 * engine's own events (a `docker pull` or `docker rmi` on the host shows up too). A burst of
 * events (a pull tags, a prune deletes dozens) becomes one notice after `coalesceMs`.
 */
export class ImageFeed {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly notify: () => void,
    private readonly coalesceMs = 250,
  ) {}

  onEvent(event: EngineEvent): void {
    const followed =
      event.Type === "image"
        ? IMAGE_LIST_EVENTS.has(event.Action)
        : event.Type === "container" && USAGE_EVENTS.has(event.Action);
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
