export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  /** growth per attempt (default 2) */
  factor?: number;
  /** 0..1: each delay is drawn uniformly from [base × (1 − jitter), base] (default 0.5) */
  jitter?: number;
  random?: () => number;
}

/** Jittered exponential backoff; delays never exceed maxMs. */
export class Backoff {
  private attempts = 0;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.factor = options.factor ?? 2;
    this.jitter = options.jitter ?? 0.5;
    this.random = options.random ?? Math.random;
  }

  /** The next delay; each call grows the base until it reaches maxMs. */
  next(): number {
    const base = Math.min(this.options.maxMs, this.options.minMs * this.factor ** this.attempts);
    this.attempts += 1;
    return this.spread(base);
  }

  /** A delay around the maximum: for "keep trying, but slowly". */
  slow(): number {
    return this.spread(this.options.maxMs);
  }

  reset(): void {
    this.attempts = 0;
  }

  /** Jitter only downwards, so delays at the cap still spread out (no herd after a restart). */
  private spread(base: number): number {
    return Math.round(base * (1 - this.jitter * this.random()));
  }
}

/** Resolves after ms, or early (without error) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
