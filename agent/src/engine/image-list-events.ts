import type { EngineEvent } from "./engine-events";

/** Image events that change what the image list shows. */
const IMAGE_LIST_EVENTS = new Set(["pull", "load", "import", "tag", "untag", "delete", "push"]);
/** Container events that change an image's "used by". */
const USAGE_EVENTS = new Set(["create", "destroy"]);

/** Whether an engine event changes the host's image list (a ListFeed's `follows`). */
export function changesImageList(event: EngineEvent): boolean {
  return event.Type === "image"
    ? IMAGE_LIST_EVENTS.has(event.Action)
    : event.Type === "container" && USAGE_EVENTS.has(event.Action);
}
