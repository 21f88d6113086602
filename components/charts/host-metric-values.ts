import { HOST_METRICS, type HostMetricKey, type HostMetricUnit } from "@/lib/protocol";
import { formatBytes } from "@/components/ui/format";

type Values = Partial<Record<HostMetricKey, number>>;

/** A figure as it reads: "12.5 %", "1.2 GiB", "3.4 KiB/s", "0.52". */
export function formatHostMetric(key: HostMetricKey, value: number): string {
  switch (HOST_METRICS[key].unit) {
    case "percent":
      return `${value.toFixed(1)} %`;
    case "bytes":
      return formatBytes(value);
    case "bytesPerSecond":
      return `${formatBytes(value)}/s`;
    case "load":
      return value.toFixed(2);
  }
}

/** Several figures of one sample as one reading, e.g. used / total. */
export function formatHostMetrics(
  values: Values,
  keys: readonly HostMetricKey[],
  separator: string,
): string {
  return keys.map((key) => formatHostMetric(key, values[key] ?? 0)).join(separator);
}

/** What a chart plots for a metric: its unit, percent for an amount plotted against its total. */
export function chartUnit(key: HostMetricKey): HostMetricUnit {
  return HOST_METRICS[key].of ? "percent" : HOST_METRICS[key].unit;
}

/** The value a chart plots (see chartUnit), rounded as far as a reader can tell apart. */
export function chartValue(values: Values, key: HostMetricKey): number {
  const value = values[key] ?? 0;
  const total = HOST_METRICS[key].of;
  if (total) {
    const whole = values[total] ?? 0;
    return whole > 0 ? Number(((value / whole) * 100).toFixed(1)) : 0;
  }
  switch (HOST_METRICS[key].unit) {
    case "percent":
      return Number(value.toFixed(1));
    case "load":
      return Number(value.toFixed(2));
    default:
      return value;
  }
}
