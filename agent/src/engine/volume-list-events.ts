import type { EngineEvent } from "./engine-events";

/** Volume events that change what the volume list shows (mounts change who runs with it). */
const VOLUME_LIST_EVENTS = new Set(["create", "destroy", "mount", "unmount"]);
/** Volume events after which the volumes' sizes are measured again. */
const SIZE_EVENTS = new Set(["create", "destroy"]);
/** Container events that change a volume's "used by". */
const USAGE_EVENTS = new Set(["create", "destroy"]);

/** Whether an engine event changes the host's volume list (a ListFeed's `follows`). */
export function changesVolumeList(event: EngineEvent): boolean {
  return event.Type === "volume"
    ? VOLUME_LIST_EVENTS.has(event.Action)
    : event.Type === "container" && USAGE_EVENTS.has(event.Action);
}

/** Whether an engine event makes the volumes' last measured sizes stale. */
export function changesVolumeSizes(event: EngineEvent): boolean {
  return event.Type === "volume" && SIZE_EVENTS.has(event.Action);
}
