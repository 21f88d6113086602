import type { EngineEvent } from "./engine-events";

/** Swarm event types a manager reports: nodes and services created, updated, removed. */
export const SWARM_EVENT_TYPES = ["node", "service"] as const;
export const SWARM_LIST_EVENTS = ["create", "update", "remove"];
const SWARM_TYPES = new Set<string>(SWARM_EVENT_TYPES);
/** A task's container starting or stopping moves the task: placement and states change. */
const TASK_CONTAINER_EVENTS = new Set(["start", "die", "destroy"]);
/** Overlay networks appear on a worker when its first container joins them. */
const NETWORK_EVENTS = new Set(["create", "destroy", "remove", "connect", "disconnect"]);

/**
 * Whether an engine event changes the swarm as this engine sees it (a ListFeed's `follows`), so an
 * open cluster page refreshes: node and service events (managers only), task containers starting
 * and stopping, overlay networks.
 */
export function changesSwarm(event: EngineEvent): boolean {
  const attributes = event.Actor.Attributes;
  return (
    SWARM_TYPES.has(event.Type) ||
    (event.Type === "container" &&
      TASK_CONTAINER_EVENTS.has(event.Action) &&
      attributes["com.docker.swarm.task.id"] !== undefined) ||
    (event.Type === "network" && NETWORK_EVENTS.has(event.Action) && attributes.type === "overlay")
  );
}
