/** Session lifetimes, configurable by environment. */
export function sessionIdleSeconds(): number {
  return Number(process.env.BERTH_SESSION_IDLE_MINUTES ?? 30) * 60;
}

export function sessionAbsoluteSeconds(): number {
  return Number(process.env.BERTH_SESSION_MAX_HOURS ?? 12) * 3600;
}
