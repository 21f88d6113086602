import {
  HostSampleSchema,
  METRICS_INTERVAL_IDLE_MS,
  METRICS_INTERVAL_WATCHED_MS,
  type HostSample,
} from "@/lib/protocol";
import { describeError, log } from "../log";
import type { HostSampler } from "./host-sampler";

/**
 * Pushes host samples while connected: every 10 s, or every 1 s while someone watches.
 * Nothing is sampled or kept while disconnected.
 */
export class MetricsReporter {
  private intervalMs = METRICS_INTERVAL_IDLE_MS;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private generation = 0;
  private lastError: string | null = null;

  constructor(
    private readonly sampler: HostSampler,
    private readonly emit: (sample: HostSample) => void,
  ) {}

  get currentIntervalMs(): number {
    return this.intervalMs;
  }

  /** On connect: one sample now, then at the idle interval. */
  start(): void {
    this.stop();
    this.running = true;
    void this.tick(this.generation);
  }

  /** On disconnect: stop and fall back to the idle interval. */
  stop(): void {
    this.running = false;
    this.generation += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.intervalMs = METRICS_INTERVAL_IDLE_MS;
  }

  /** Switch at once; switching to the watched interval sends a sample right away. */
  setInterval(intervalMs: number): void {
    if (intervalMs === this.intervalMs) return;
    this.intervalMs = intervalMs;
    if (!this.running) return;
    this.generation += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (intervalMs === METRICS_INTERVAL_WATCHED_MS) void this.tick(this.generation);
    else this.schedule(this.generation);
  }

  private async tick(generation: number): Promise<void> {
    try {
      const sample = HostSampleSchema.parse(await this.sampler.sample());
      if (generation !== this.generation) return;
      this.emit(sample);
      this.lastError = null;
    } catch (err) {
      const message = describeError(err);
      if (message !== this.lastError) log.warn(`host sample failed: ${message}`);
      this.lastError = message;
    }
    this.schedule(generation);
  }

  private schedule(generation: number): void {
    if (!this.running || generation !== this.generation) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick(generation);
    }, this.intervalMs);
  }
}
