/** One short line per event on stdout/stderr. Never pass secrets (host key, token) in here. */
type Level = "info" | "warn" | "error";

function write(level: Level, message: string): void {
  const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
  if (level === "info") console.log(line);
  else console.error(line);
}

export const log = {
  info: (message: string) => write("info", message),
  warn: (message: string) => write("warn", message),
  error: (message: string) => write("error", message),
};

/** A short human description of any thrown value (message plus system error code). */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const code = (err as NodeJS.ErrnoException).code;
    if (cause instanceof Error && cause !== err) return `${err.message}: ${describeError(cause)}`;
    return code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}

export function formatDelay(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}
