import type { ContainerLifeEvent } from "@/lib/protocol";
import { baseAction } from "./container-feed";
import type { EngineEvent } from "./engine-events";

/** A die this soon after a stop or kill through the engine was asked for, not a crash. */
export const REQUESTED_WITHIN_MS = 30_000;

/** Event attributes that are not container labels. */
const NOT_LABELS = new Set(["name", "image", "exitCode", "signal", "execDuration"]);

/** Engine events the life events are made from (the agent's event subscription includes them). */
export const CONTAINER_LIFE_EVENTS = [
  "start",
  "die",
  "oom",
  "health_status",
  "kill",
  "stop",
  "destroy",
] as const;

const HEALTH = new Set(["healthy", "unhealthy", "starting"]);

/**
 * Turns the engine's container start, die, oom and health_status events into the life events the
 * server's alert rules read. A die is marked `requested` when a stop or kill of that container
 * went through the engine shortly before (someone or something asked for it).
 */
export class ContainerLifeEvents {
  /** container id → when it was last stopped or killed through the engine */
  private readonly requested = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** One container engine event; the life event to send, or null. */
  onEvent(event: EngineEvent): ContainerLifeEvent | null {
    if (event.Type !== "container" || !event.Actor.ID) return null;
    const id = event.Actor.ID;
    const at = this.now();
    const action = baseAction(event.Action);
    if (action === "kill" || action === "stop") {
      this.requested.set(id, at);
      return null;
    }
    if (action === "destroy") {
      this.requested.delete(id);
      return null;
    }
    const attributes = event.Actor.Attributes;
    const base = {
      id,
      name: attributes.name ?? "",
      image: attributes.image ?? "",
      labels: labelsOf(attributes),
      at,
    };
    switch (action) {
      case "start":
        return { ...base, action: "start" };
      case "oom":
        return { ...base, action: "oom" };
      case "die": {
        const stoppedAt = this.requested.get(id);
        this.forgetOld(at);
        const exitCode = Number(attributes.exitCode);
        return {
          ...base,
          action: "die",
          ...(Number.isInteger(exitCode) ? { exitCode } : {}),
          requested: stoppedAt !== undefined && at - stoppedAt <= REQUESTED_WITHIN_MS,
        };
      }
      case "health_status": {
        const health = event.Action.slice(event.Action.indexOf(":") + 1).trim();
        if (!HEALTH.has(health)) return null;
        return { ...base, action: "health_status", health: health as ContainerLifeEvent["health"] };
      }
      default:
        return null;
    }
  }

  private forgetOld(now: number): void {
    for (const [id, at] of this.requested) {
      if (now - at > REQUESTED_WITHIN_MS) this.requested.delete(id);
    }
  }
}

function labelsOf(attributes: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (!NOT_LABELS.has(key) && typeof value === "string") labels[key] = value;
  }
  return labels;
}
