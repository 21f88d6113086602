import { db } from "@/lib/db";
import type { AgentHub } from "@/lib/hub/agent-hub";
import { checkHostImages } from "./check-host-images";

const DEFAULT_INTERVAL_MS = 6 * 3_600_000;
/** The first round waits for the agents to connect and send their containers. */
const FIRST_RUN_DELAY_MS = 60_000;
/** A host that just connected is checked once its container list has arrived. */
const AFTER_CONNECT_MS = 10_000;

function intervalMs(): number {
  const value = Number(process.env.BERTH_IMAGE_CHECK_INTERVAL_MS ?? DEFAULT_INTERVAL_MS);
  return Number.isFinite(value) && value >= 1_000 ? value : DEFAULT_INTERVAL_MS;
}

/**
 * Checks the images of every host connected to this process every
 * BERTH_IMAGE_CHECK_INTERVAL_MS (default 6 h), and a host soon after it connects. Registry
 * answers are cached (BERTH_IMAGE_CHECK_CACHE_S), so hosts sharing images ask once.
 */
export class ImageUpdateChecker {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly soon = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private readonly onStatus = (status: { hostId: string; online: boolean }) => {
    if (status.online) this.checkSoon(status.hostId);
  };

  constructor(private readonly hub: AgentHub) {}

  start(): void {
    this.hub.on("status", this.onStatus);
    this.schedule(FIRST_RUN_DELAY_MS);
  }

  stop(): void {
    this.stopped = true;
    this.hub.off("status", this.onStatus);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const timer of this.soon.values()) clearTimeout(timer);
    this.soon.clear();
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.round(), ms);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    try {
      const hosts = await db.host.findMany({ where: { revokedAt: null }, select: { id: true } });
      for (const { id } of hosts) if (this.hub.isOnline(id)) await this.check(id);
    } catch (err) {
      console.error("image update checks:", err instanceof Error ? err.message : err);
    }
    if (!this.stopped) this.schedule(intervalMs());
  }

  private checkSoon(hostId: string): void {
    if (this.soon.has(hostId)) return;
    const timer = setTimeout(() => {
      this.soon.delete(hostId);
      void this.check(hostId);
    }, AFTER_CONNECT_MS);
    timer.unref();
    this.soon.set(hostId, timer);
  }

  private async check(hostId: string): Promise<void> {
    if (this.running.has(hostId) || !this.hub.isOnline(hostId)) return;
    this.running.add(hostId);
    try {
      await checkHostImages(hostId);
    } catch (err) {
      console.error(
        `image update check of host ${hostId}:`,
        err instanceof Error ? err.message : err,
      );
    } finally {
      this.running.delete(hostId);
    }
  }
}
