import { db, Prisma } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import {
  HISTORY_METRIC_KEYS,
  type HistoryMetricKey,
  type MetricPoint,
  type MetricsRange,
} from "@/lib/protocol";
import { metricColumn, metricRollup } from "./host-metric-columns";
import { RAW_RESOLUTION_S } from "./host-metrics-recorder";
import { ROLLUP_RESOLUTION_S } from "./rollup-host-metrics";

/** Each range reads the finest stored resolution that keeps the chart under ~720 points. */
const RANGES: Record<MetricsRange, { spanMs: number; resolution: number; bucket: string }> = {
  "1h": { spanMs: 3600_000, resolution: RAW_RESOLUTION_S, bucket: "10 seconds" },
  "24h": { spanMs: 86400_000, resolution: ROLLUP_RESOLUTION_S, bucket: "2 minutes" },
  "7d": { spanMs: 7 * 86400_000, resolution: ROLLUP_RESOLUTION_S, bucket: "15 minutes" },
  "30d": { spanMs: 30 * 86400_000, resolution: ROLLUP_RESOLUTION_S, bucket: "1 hour" },
};

type Row = { t: Date } & Record<HistoryMetricKey, number | string>;

const ROLLUPS = Prisma.join(
  HISTORY_METRIC_KEYS.map((key) => Prisma.sql`${metricRollup(key)} AS ${metricColumn(key)}`),
);

export async function getHostMetrics(
  user: SessionUser,
  hostId: string,
  range: MetricsRange,
  now = new Date(),
): Promise<MetricPoint[]> {
  await requireHostPermission(user, hostId, "host.read");
  const { spanMs, resolution, bucket } = RANGES[range];
  const from = new Date(now.getTime() - spanMs);
  const rows = await db.$queryRaw<Row[]>`
    SELECT date_bin(${bucket}::interval, "at", TIMESTAMP '2000-01-01') AS t,
      ${ROLLUPS}
    FROM "HostMetric"
    WHERE "hostId" = ${hostId} AND "resolution" = ${resolution}::int AND "at" >= ${from}
    GROUP BY t ORDER BY t`;
  return rows.map((row) => ({
    at: row.t.getTime(),
    ...(Object.fromEntries(HISTORY_METRIC_KEYS.map((key) => [key, Number(row[key])])) as Record<
      HistoryMetricKey,
      number
    >),
  }));
}
