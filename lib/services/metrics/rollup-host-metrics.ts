import { db } from "@/lib/db";
import { RAW_RESOLUTION_S } from "./host-metrics-recorder";

export const ROLLUP_RESOLUTION_S = 60;

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
    INSERT INTO "HostMetric" ("hostId", "resolution", "at", "cpuPercent", "memUsedBytes",
      "memTotalBytes", "diskUsedBytes", "diskTotalBytes", "netRxBytesPerSec", "netTxBytesPerSec",
      "load1", "load5", "load15")
    SELECT "hostId", ${ROLLUP_RESOLUTION_S}::int,
      date_bin('1 minute', "at", TIMESTAMP '2000-01-01') AS minute,
      avg("cpuPercent"), avg("memUsedBytes"), avg("memTotalBytes"), avg("diskUsedBytes"),
      avg("diskTotalBytes"), avg("netRxBytesPerSec"), avg("netTxBytesPerSec"),
      avg("load1"), avg("load5"), avg("load15")
    FROM "HostMetric"
    WHERE "resolution" = ${RAW_RESOLUTION_S}::int AND "at" >= ${since} AND "at" < ${until}
    GROUP BY "hostId", minute
    ON CONFLICT ("hostId", "resolution", "at") DO UPDATE SET
      "cpuPercent" = EXCLUDED."cpuPercent", "memUsedBytes" = EXCLUDED."memUsedBytes",
      "memTotalBytes" = EXCLUDED."memTotalBytes", "diskUsedBytes" = EXCLUDED."diskUsedBytes",
      "diskTotalBytes" = EXCLUDED."diskTotalBytes", "netRxBytesPerSec" = EXCLUDED."netRxBytesPerSec",
      "netTxBytesPerSec" = EXCLUDED."netTxBytesPerSec", "load1" = EXCLUDED."load1",
      "load5" = EXCLUDED."load5", "load15" = EXCLUDED."load15"`;
  const { rawMs, rollupMs } = metricsRetention();
  const prunedRaw = await db.hostMetric.deleteMany({
    where: { resolution: RAW_RESOLUTION_S, at: { lt: new Date(now.getTime() - rawMs) } },
  });
  const prunedRollup = await db.hostMetric.deleteMany({
    where: { resolution: ROLLUP_RESOLUTION_S, at: { lt: new Date(now.getTime() - rollupMs) } },
  });
  return { rolled, pruned: prunedRaw.count + prunedRollup.count };
}
