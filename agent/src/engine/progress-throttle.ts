import type { Progress } from "@/lib/protocol";

/**
 * Passes progress messages on at most once per `minGapMs` per layer (10/s by default). A message
 * that comes too soon waits; a newer one for the same layer replaces it, so the last word of
 * every layer ("Pull complete") always goes out, in order per layer.
 */
export class ProgressThrottle {
  private readonly last = new Map<string, number>();
  private readonly pending = new Map<string, { progress: Progress; timer: NodeJS.Timeout }>();

  constructor(
    private readonly emit: (progress: Progress) => void,
    private readonly minGapMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(progress: Progress): void {
    const key = progress.id ?? "";
    const waiting = this.pending.get(key);
    if (waiting) {
      waiting.progress = progress;
      return;
    }
    const since = this.now() - (this.last.get(key) ?? -Infinity);
    if (since >= this.minGapMs) {
      this.send(key, progress);
      return;
    }
    const timer = setTimeout(() => {
      const p = this.pending.get(key);
      this.pending.delete(key);
      if (p) this.send(key, p.progress);
    }, this.minGapMs - since);
    this.pending.set(key, { progress, timer });
  }

  /** Sends what is still waiting (at the end of the operation). */
  flush(): void {
    for (const [key, p] of this.pending) {
      clearTimeout(p.timer);
      this.send(key, p.progress);
    }
    this.pending.clear();
  }

  private send(key: string, progress: Progress): void {
    this.last.set(key, this.now());
    this.emit(progress);
  }
}
