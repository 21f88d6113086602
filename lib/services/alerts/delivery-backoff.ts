import { ALERT_DELIVERY_BACKOFF_S } from "@/lib/protocol";

/**
 * How long after its `attempts`-th failed attempt a delivery is tried again; null when that was
 * the last. BERTH_ALERT_RETRY_SCALE shrinks the schedule (tests: 0.01 makes 10 s into 100 ms).
 */
export function retryDelayMs(attempts: number, scale = retryScale()): number | null {
  const seconds = ALERT_DELIVERY_BACKOFF_S[attempts - 1];
  return seconds === undefined ? null : Math.round(seconds * 1000 * scale);
}

function retryScale(): number {
  const value = Number(process.env.BERTH_ALERT_RETRY_SCALE ?? "1");
  return Number.isFinite(value) && value > 0 && value <= 1 ? value : 1;
}
