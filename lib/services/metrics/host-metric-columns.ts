import { Prisma } from "@/lib/db";
import type { HostMetricKey } from "@/lib/protocol";

/**
 * A host metric's HostMetric column in raw SQL. Each metric has the column of its name; looking
 * the name up in Prisma's column list makes the compiler refuse a metric the table lacks.
 */
export function metricColumn(key: HostMetricKey): Prisma.Sql {
  return Prisma.raw(`"${Prisma.HostMetricScalarFieldEnum[key]}"`);
}

/** A metric rolled up over the rows of a bucket: their mean (see HOST_METRICS). */
export function metricRollup(key: HostMetricKey): Prisma.Sql {
  return Prisma.sql`avg(${metricColumn(key)})`;
}
