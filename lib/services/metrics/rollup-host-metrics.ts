import { db, Prisma } from "@/lib/db";
import { HOST_METRIC_KEYS } from "@/lib/protocol";
import { metricColumn, metricRollup } from "./host-metric-columns";
import { RAW_RESOLUTION_S } from "./host-metrics-recorder";

export const ROLLUP_RESOLUTION_S = 60;

const COLUMNS = Prisma.join(HOST_METRIC_KEYS.map(metricColumn));
const ROLLUPS = Prisma.join(HOST_METRIC_KEYS.map(metricRollup));
const UPDATES = Prisma.join(
  HOST_METRIC_KEYS.map((key) => Prisma.sql`${metricColumn(key)} = EXCLUDED.${metricColumn(key)}`),
);

export function metricsRetention() {
  return {
    rawMs: Number(process.env.BERTH_METRICS_RAW_HOURS ?? 24) * 3600_000,
    rollupMs: Number(process.env.BERTH_METRICS_RETENTION_DAYS ?? 30) * 86400_000,
  };
}

/**
 * Folds finished minutes of 10-second rows into 1-minute rows (recomputing the last few minutes,
 * so late rows are included and a rerun is harmless), then prunes rows past their retention.
 */
export async function rollupHostMetrics(
  now = new Date(),
): Promise<{ rolled: number; pruned: number }> {
  const until = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const since = new Date(until.getTime() - 10 * 60_000);
  const rolled = await db.$executeRaw`
    INSERT INTO "HostMetric" ("hostId", "resolution", "at", ${COLUMNS})
    SELECT "hostId", ${ROLLUP_RESOLUTION_S}::int,
      date_bin('1 minute', "at", TIMESTAMP '2000-01-01') AS minute,
      ${ROLLUPS}
    FROM "HostMetric"
    WHERE "resolution" = ${RAW_RESOLUTION_S}::int AND "at" >= ${since} AND "at" < ${until}
    GROUP BY "hostId", minute
    ON CONFLICT ("hostId", "resolution", "at") DO UPDATE SET
      ${UPDATES}`;
  const { rawMs, rollupMs } = metricsRetention();
  const prunedRaw = await db.hostMetric.deleteMany({
    where: { resolution: RAW_RESOLUTION_S, at: { lt: new Date(now.getTime() - rawMs) } },
  });
  const prunedRollup = await db.hostMetric.deleteMany({
    where: { resolution: ROLLUP_RESOLUTION_S, at: { lt: new Date(now.getTime() - rollupMs) } },
  });
  return { rolled, pruned: prunedRaw.count + prunedRollup.count };
}
