import type { Progress } from "@/lib/protocol";

type Relay = (userId: string, callId: string, progress: Progress) => void;

const RELAY_KEY = Symbol.for("berth.progressRelay");
type RelayGlobal = { [RELAY_KEY]?: Relay };

/** The /ui namespace registers how to reach a user's open tabs with a command's progress. */
export function setProgressRelay(relay: Relay): void {
  (globalThis as RelayGlobal)[RELAY_KEY] = relay;
}

/** A progress callback for one call that the browser tagged with `callId`; none without one. */
export function progressTo(
  userId: string,
  callId: unknown,
): ((progress: Progress) => void) | undefined {
  if (typeof callId !== "string" || !/^[A-Za-z0-9-]{1,100}$/.test(callId)) return undefined;
  return (progress) => (globalThis as RelayGlobal)[RELAY_KEY]?.(userId, callId, progress);
}
