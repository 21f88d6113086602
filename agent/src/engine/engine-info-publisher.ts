import type Docker from "dockerode";
import { EngineInfoSchema, type EngineInfo } from "@/lib/protocol";
import { Backoff } from "../backoff";
import { formatDelay, log } from "../log";
import { toWireError } from "./engine-errors";
import { readEngineInfo, type EngineFacts } from "./read-engine-info";

/**
 * Sends EngineInfo to the server while connected: once per connect, then debounced after engine
 * changes. When the engine is down it keeps retrying with backoff until it answers.
 */
export class EngineInfoPublisher {
  private active = false;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private debounceTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff = new Backoff({ minMs: 2_000, maxMs: 30_000 });
  private failure: string | null = null;

  constructor(
    private readonly docker: Docker,
    private readonly socketPath: string,
    private readonly emit: (info: EngineInfo) => void,
    private readonly onFacts: (facts: EngineFacts) => void,
    private readonly debounceMs = 1_000,
  ) {}

  /** Begin publishing (on connect); resolves after the first attempt. */
  start(): Promise<void> {
    this.active = true;
    this.backoff.reset();
    return this.publish();
  }

  /** Stop (on disconnect): pending sends and retries are dropped. */
  stop(): void {
    this.active = false;
    this.clearTimers();
  }

  /** Something on the engine changed: publish after debounceMs of quiet. */
  changed(): void {
    if (!this.active) return;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.publish();
    }, this.debounceMs);
  }

  private publish(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.attempt().finally(() => {
      this.inFlight = null;
      if (this.again && this.active) {
        this.again = false;
        void this.publish();
      }
    });
    return this.inFlight;
  }

  private async attempt(): Promise<void> {
    if (!this.active) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    try {
      const facts = await readEngineInfo(this.docker);
      this.onFacts(facts);
      if (!this.active) return;
      this.emit(EngineInfoSchema.parse(facts.info));
      this.backoff.reset();
      if (this.failure) log.info("engine reachable again; engine info sent");
      this.failure = null;
    } catch (err) {
      if (!this.active) return;
      const message = toWireError(err, this.socketPath).message;
      const delay = this.backoff.next();
      if (message !== this.failure) {
        log.warn(`engine info unavailable (${message}); retry in ${formatDelay(delay)}`);
      }
      this.failure = message;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.publish();
      }, delay);
    }
  }

  private clearTimers(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.debounceTimer = null;
    this.retryTimer = null;
  }
}
