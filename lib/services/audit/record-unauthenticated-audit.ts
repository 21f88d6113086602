import { recordAudit, type AuditEntry } from "./record-audit";

/** Refused attempts of callers nobody vouched for are logged one by one up to these rates. */
export const UNAUTHENTICATED_ROWS_PER_ADDRESS = 20;
export const UNAUTHENTICATED_ROWS_PER_SERVER = 200;
export const UNAUTHENTICATED_WINDOW_MS = 60_000;

type Window = { start: number; logged: number; suppressed: Map<string, number> };

/** Counters live on globalThis: every route bundle of the server shares one limiter. */
type LimiterState = {
  addresses: Map<string, Window>;
  server: { start: number; logged: number };
  timer: NodeJS.Timeout | null;
};
const LIMITER_KEY = Symbol.for("berth.unauthenticatedAuditLimiter");
type LimiterGlobal = { [LIMITER_KEY]?: LimiterState };

function state(): LimiterState {
  const global = globalThis as LimiterGlobal;
  global[LIMITER_KEY] ??= { addresses: new Map(), server: { start: 0, logged: 0 }, timer: null };
  return global[LIMITER_KEY];
}

const UNKNOWN_ADDRESS = "an unknown address";

/** One row for the attempts a window left out: how many, from where, of which kinds. */
async function recordSuppressed(address: string, suppressed: Map<string, number>): Promise<void> {
  const total = [...suppressed.values()].reduce((a, b) => a + b, 0);
  await recordAudit({
    actor: { label: address },
    action: "audit.suppressed",
    outcome: "DENIED",
    error: `${total} more refused attempts from ${address}`,
    params: Object.fromEntries(suppressed),
    clientAddress: address === UNKNOWN_ADDRESS ? null : address,
  });
}

/** Closes the windows that are over; each one that left rows out gets its summary row. */
async function closeWindows(now: number): Promise<void> {
  const { addresses } = state();
  for (const [address, window] of addresses) {
    if (now - window.start < UNAUTHENTICATED_WINDOW_MS) continue;
    addresses.delete(address);
    if (window.suppressed.size > 0) {
      await recordSuppressed(address, window.suppressed).catch((err: unknown) =>
        console.error("audit:", err instanceof Error ? err.message : err),
      );
    }
  }
}

function ensureTimer(): void {
  const limiter = state();
  if (limiter.timer) return;
  limiter.timer = setInterval(() => {
    void closeWindows(Date.now()).then(() => {
      if (limiter.addresses.size === 0 && limiter.timer) {
        clearInterval(limiter.timer);
        limiter.timer = null;
      }
    });
  }, 5_000);
  limiter.timer.unref();
}

/**
 * Appends an audit row for a refused attempt by an unauthenticated caller (a failed sign-in or
 * enrolment, a bad invitation or reset link), at most UNAUTHENTICATED_ROWS_PER_ADDRESS a minute
 * from one address and UNAUTHENTICATED_ROWS_PER_SERVER a minute in all. Attempts past those are
 * counted instead, and one "audit.suppressed" row per address and minute says how many there
 * were: a flood of cheap refusals cannot bury the log or stall its writers.
 */
export async function recordUnauthenticatedAudit(entry: AuditEntry): Promise<void> {
  const now = Date.now();
  const limiter = state();
  const address = entry.clientAddress || UNKNOWN_ADDRESS;
  let window = limiter.addresses.get(address);
  if (window && now - window.start >= UNAUTHENTICATED_WINDOW_MS) {
    await closeWindows(now);
    window = undefined;
  }
  if (!window) {
    window = { start: now, logged: 0, suppressed: new Map() };
    limiter.addresses.set(address, window);
  }
  if (now - limiter.server.start >= UNAUTHENTICATED_WINDOW_MS) {
    limiter.server = { start: now, logged: 0 };
  }
  ensureTimer();
  if (
    window.logged >= UNAUTHENTICATED_ROWS_PER_ADDRESS ||
    limiter.server.logged >= UNAUTHENTICATED_ROWS_PER_SERVER
  ) {
    window.suppressed.set(entry.action, (window.suppressed.get(entry.action) ?? 0) + 1);
    return;
  }
  window.logged += 1;
  limiter.server.logged += 1;
  await recordAudit(entry);
}
