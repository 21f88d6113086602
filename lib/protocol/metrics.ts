import { z } from "zod";

/** How a host metric's value reads. */
export type HostMetricUnit = "percent" | "bytes" | "bytesPerSecond" | "load";

interface HostMetricDefinition {
  /** what a chart or a figure calls it */
  label: string;
  unit: HostMetricUnit;
  /** kept in the history points (MetricPoint) the history charts read */
  history: boolean;
  /** the total this amount is a share of, which charts plot it against */
  of?: string;
}

/**
 * Every host metric, once. Each key is a field of a host sample (rates per second over the
 * agent's last interval) and the HostMetric column of the same name. Every metric rolls up as
 * the mean of the samples in its bucket: the 10-second rows, the 1-minute rows and the buckets
 * of the history query alike.
 */
const HOST_METRIC_DEFINITIONS = {
  cpuPercent: { label: "CPU", unit: "percent", history: true },
  memUsedBytes: { label: "Memory", unit: "bytes", history: true, of: "memTotalBytes" },
  memTotalBytes: { label: "Memory total", unit: "bytes", history: true },
  diskUsedBytes: { label: "Disk used", unit: "bytes", history: true, of: "diskTotalBytes" },
  diskTotalBytes: { label: "Disk total", unit: "bytes", history: true },
  netRxBytesPerSec: { label: "Received", unit: "bytesPerSecond", history: true },
  netTxBytesPerSec: { label: "Sent", unit: "bytesPerSecond", history: true },
  load1: { label: "Load (1 min)", unit: "load", history: true },
  load5: { label: "Load (5 min)", unit: "load", history: false },
  load15: { label: "Load (15 min)", unit: "load", history: false },
} as const satisfies Record<string, HostMetricDefinition>;

export type HostMetricKey = keyof typeof HOST_METRIC_DEFINITIONS;
export type HistoryMetricKey = {
  [K in HostMetricKey]: (typeof HOST_METRIC_DEFINITIONS)[K]["history"] extends true ? K : never;
}[HostMetricKey];

export const HOST_METRICS: Record<HostMetricKey, HostMetricDefinition & { of?: HostMetricKey }> =
  HOST_METRIC_DEFINITIONS;
export const HOST_METRIC_KEYS = Object.keys(HOST_METRICS) as HostMetricKey[];
export const HISTORY_METRIC_KEYS = HOST_METRIC_KEYS.filter(
  (key): key is HistoryMetricKey => HOST_METRICS[key].history,
);

function metricNumbers<K extends HostMetricKey>(
  keys: readonly K[],
  schema: (key: K) => z.ZodNumber,
): Record<K, z.ZodNumber> {
  return Object.fromEntries(keys.map((key) => [key, schema(key)])) as Record<K, z.ZodNumber>;
}

/** One host sample as the agent reads it from /proc. */
export const HostSampleSchema = z.object({
  at: z.number().int().positive(),
  ...metricNumbers(HOST_METRIC_KEYS, (key) =>
    HOST_METRICS[key].unit === "percent" ? z.number().min(0).max(100) : z.number().nonnegative(),
  ),
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
  ...metricNumbers(HISTORY_METRIC_KEYS, () => z.number()),
});
export type MetricPoint = z.infer<typeof MetricPointSchema>;
