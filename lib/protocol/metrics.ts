import { z } from "zod";

/** One host sample as the agent reads it from /proc. Rates are per second over the last interval. */
export const HostSampleSchema = z.object({
  at: z.number().int().positive(),
  cpuPercent: z.number().min(0).max(100),
  memUsedBytes: z.number().nonnegative(),
  memTotalBytes: z.number().nonnegative(),
  diskUsedBytes: z.number().nonnegative(),
  diskTotalBytes: z.number().nonnegative(),
  netRxBytesPerSec: z.number().nonnegative(),
  netTxBytesPerSec: z.number().nonnegative(),
  load1: z.number().nonnegative(),
  load5: z.number().nonnegative(),
  load15: z.number().nonnegative(),
});
export type HostSample = z.infer<typeof HostSampleSchema>;

export const METRICS_INTERVAL_IDLE_MS = 10_000;
export const METRICS_INTERVAL_WATCHED_MS = 1_000;

export const MetricsIntervalSchema = z.object({
  intervalMs: z.union([
    z.literal(METRICS_INTERVAL_IDLE_MS),
    z.literal(METRICS_INTERVAL_WATCHED_MS),
  ]),
});
export type MetricsInterval = z.infer<typeof MetricsIntervalSchema>;

export const MetricsRangeSchema = z.enum(["1h", "24h", "7d", "30d"]);
export type MetricsRange = z.infer<typeof MetricsRangeSchema>;

export const MetricPointSchema = z.object({
  at: z.number(),
  cpuPercent: z.number(),
  memUsedBytes: z.number(),
  memTotalBytes: z.number(),
  diskUsedBytes: z.number(),
  diskTotalBytes: z.number(),
  netRxBytesPerSec: z.number(),
  netTxBytesPerSec: z.number(),
  load1: z.number(),
});
export type MetricPoint = z.infer<typeof MetricPointSchema>;
