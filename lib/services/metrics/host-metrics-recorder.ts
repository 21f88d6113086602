import { db } from "@/lib/db";
import { HOST_METRIC_KEYS, type HostMetricKey, type HostSample } from "@/lib/protocol";

export const RAW_RESOLUTION_S = 10;
const BUCKET_MS = RAW_RESOLUTION_S * 1000;

type Bucket = { start: number; count: number; sums: Record<HostMetricKey, number> };

/**
 * Averages incoming host samples into 10-second buckets and writes each finished bucket as one
 * HostMetric row, so storage does not depend on how often the agent is sampling.
 */
export class HostMetricsRecorder {
  private readonly buckets = new Map<string, Bucket>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => void this.flushIdle(), BUCKET_MS);
    this.timer.unref();
  }

  add(hostId: string, sample: HostSample): void {
    const start = Math.floor(sample.at / BUCKET_MS) * BUCKET_MS;
    const current = this.buckets.get(hostId);
    if (current && current.start !== start) {
      this.buckets.delete(hostId);
      void this.write(hostId, current);
    }
    const bucket = this.buckets.get(hostId) ?? {
      start,
      count: 0,
      sums: Object.fromEntries(HOST_METRIC_KEYS.map((key) => [key, 0])) as Record<
        HostMetricKey,
        number
      >,
    };
    for (const key of HOST_METRIC_KEYS) bucket.sums[key] += sample[key];
    bucket.count += 1;
    this.buckets.set(hostId, bucket);
  }

  /** Writes buckets whose time is over even if no later sample arrived (host went quiet). */
  async flushIdle(now = Date.now()): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const [hostId, bucket] of this.buckets) {
      if (bucket.start + BUCKET_MS * 2 <= now) {
        this.buckets.delete(hostId);
        writes.push(this.write(hostId, bucket));
      }
    }
    await Promise.all(writes);
  }

  async flushAll(): Promise<void> {
    const entries = [...this.buckets];
    this.buckets.clear();
    await Promise.all(entries.map(([hostId, bucket]) => this.write(hostId, bucket)));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async write(hostId: string, bucket: Bucket): Promise<void> {
    const values = Object.fromEntries(
      HOST_METRIC_KEYS.map((key) => [key, bucket.sums[key] / bucket.count]),
    ) as Record<HostMetricKey, number>;
    const at = new Date(bucket.start);
    try {
      await db.hostMetric.upsert({
        where: { hostId_resolution_at: { hostId, resolution: RAW_RESOLUTION_S, at } },
        create: { hostId, resolution: RAW_RESOLUTION_S, at, ...values },
        update: values,
      });
    } catch (err) {
      // A host deleted meanwhile has nowhere to store samples; anything else is worth a line.
      console.error("metrics: could not store a sample:", err instanceof Error ? err.message : err);
    }
  }
}
