import type Docker from "dockerode";
import { describeError, log } from "../log";

/** Measurements older than this are taken again when a list asks. */
const MAX_AGE_MS = 60_000;

interface DiskUsage {
  Volumes?: Array<{ Name: string; UsageData?: { Size?: number } | null }> | null;
}

/**
 * Volume sizes from the engine's disk usage (GET /system/df), which walks every volume and can
 * take long on a big host: lists never wait for it. A list gets the last measurement and starts a
 * new one when that is old or something changed; when the new one differs, `onChanged` tells the
 * server, whose lists then show it.
 */
export class VolumeSizes {
  private measured: { sizes: Map<string, number>; at: number } | null = null;
  private running: Promise<void> | null = null;
  private stale = true;

  constructor(
    private readonly docker: Docker,
    private readonly onChanged: () => void,
  ) {}

  current(): { sizes: Map<string, number>; at: number } | null {
    return this.measured;
  }

  /** Volumes changed: the next list measures again. */
  markStale(): void {
    this.stale = true;
  }

  refreshIfStale(): void {
    const old = !this.measured || Date.now() - this.measured.at > MAX_AGE_MS;
    if ((this.stale || old) && !this.running) {
      this.stale = false;
      this.running = this.measure().finally(() => (this.running = null));
    }
  }

  private async measure(): Promise<void> {
    try {
      const usage = (await this.docker.df()) as DiskUsage;
      const sizes = new Map<string, number>();
      for (const v of usage.Volumes ?? []) {
        const size = v.UsageData?.Size;
        // -1: the driver cannot tell
        if (typeof size === "number" && size >= 0) sizes.set(v.Name, size);
      }
      const before = this.measured?.sizes;
      this.measured = { sizes, at: Date.now() };
      const changed =
        !before ||
        before.size !== sizes.size ||
        [...sizes].some(([name, size]) => before.get(name) !== size);
      if (changed) this.onChanged();
    } catch (err) {
      log.warn(`volume sizes not measured: ${describeError(err)}`);
    }
  }
}
