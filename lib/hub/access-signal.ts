/**
 * "Access may have changed": open sockets re-check their user's rights at once instead of at
 * the next periodic check. The Next.js app and the custom server are separate bundles in one
 * process, so the listener lives on globalThis. Other replicas catch up at their periodic check.
 */
const KEY = Symbol.for("berth.access-changed");

type Listener = (userId: string | null) => void;

function registry(): Set<Listener> {
  const g = globalThis as { [KEY]?: Set<Listener> };
  g[KEY] ??= new Set();
  return g[KEY];
}

/** Tells open sockets that access changed for one user, or for everyone (null). */
export function accessChanged(userId: string | null = null): void {
  for (const listener of registry()) listener(userId);
}

export function onAccessChanged(listener: Listener): () => void {
  registry().add(listener);
  return () => registry().delete(listener);
}
