const CALLS_KEY = Symbol.for("berth.cancellableCalls");
type CallsGlobal = { [CALLS_KEY]?: Map<string, AbortController> };

function calls(): Map<string, AbortController> {
  const g = globalThis as CallsGlobal;
  g[CALLS_KEY] ??= new Map();
  return g[CALLS_KEY];
}

const key = (userId: string, callId: string) => `${userId}\u0000${callId}`;

/**
 * A long operation (pull, push, build) the browser tagged with a callId: the same user may cancel
 * it by that id while it runs. Returns the signal and a release for when it is over.
 */
export function cancellable(
  userId: string,
  callId: unknown,
): { signal: AbortSignal | undefined; release: () => void } {
  if (typeof callId !== "string" || !/^[A-Za-z0-9-]{1,100}$/.test(callId)) {
    return { signal: undefined, release: () => {} };
  }
  const controller = new AbortController();
  const k = key(userId, callId);
  calls().set(k, controller);
  return {
    signal: controller.signal,
    release: () => {
      if (calls().get(k) === controller) calls().delete(k);
    },
  };
}

/** Cancels the user's own running operation; false when there is none by that id. */
export function cancelCall(userId: string, callId: string): boolean {
  const controller = calls().get(key(userId, callId));
  if (!controller) return false;
  controller.abort();
  return true;
}
