import type { EngineEvent } from "./engine-events";

/** Network events that change what the network list shows. */
export const NETWORK_LIST_EVENTS = ["create", "destroy", "remove", "connect", "disconnect"];
const NETWORK_EVENTS = new Set(NETWORK_LIST_EVENTS);
/** Container events that change a network's containers (a stopped container stays connected). */
const CONTAINER_EVENTS = new Set(["create", "destroy", "rename"]);

/** Whether an engine event changes the host's networks (a ListFeed's `follows`). */
export function changesNetworkList(event: EngineEvent): boolean {
  return event.Type === "network"
    ? NETWORK_EVENTS.has(event.Action)
    : event.Type === "container" && CONTAINER_EVENTS.has(event.Action);
}
