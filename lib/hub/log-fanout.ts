import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { BerthError, logTimeToUnix, type LogLine, type LogOptions } from "@/lib/protocol";
import type { AgentHub } from "./agent-hub";

/** How one subscriber receives batches; `ack` is called by the browser when it stored a batch. */
export type LogDelivery = {
  send(lines: LogLine[], ack: () => void): void;
  end(reason: "ended" | "behind" | "error", message?: string): void;
};

const BATCH_LINES = 2000;
const MAX_IN_FLIGHT = 2;
/** Past this a tab is too slow: it is told it fell behind and resumes from its last line. */
const MAX_QUEUED_LINES = 100_000;
/** When every viewer has this much waiting, the agent stream is paused (end-to-end flow control). */
const PAUSE_AT_LINES = 20_000;
/** A tab that has lines waiting but acknowledges nothing for this long is told it fell behind. */
const STALL_MS = 15_000;
/** Streams whose tail fits here are shared: a viewer joining later first gets the last lines. */
const MAX_SHARED_TAIL = 10_000;

class Subscriber {
  private queue: LogLine[] = [];
  private inFlight = 0;
  private skipLeft: number;
  private stallTimer: NodeJS.Timeout | null = null;
  closed = false;

  constructor(
    private readonly stream: SharedLogStream,
    private readonly delivery: LogDelivery,
    private readonly sinceUnix: string | null,
    skip: number,
  ) {
    this.skipLeft = sinceUnix ? skip : 0;
  }

  get queued(): number {
    return this.queue.length;
  }

  push(lines: LogLine[]): void {
    for (const line of lines) {
      if (this.skipLeft > 0) {
        if (logTimeToUnix(line.t) === this.sinceUnix) {
          this.skipLeft -= 1;
          continue;
        }
        this.skipLeft = 0;
      }
      this.queue.push(line);
    }
    if (this.queue.length > MAX_QUEUED_LINES) {
      this.finish("behind", "This view fell behind the log; resuming from the last line shown.");
      return;
    }
    this.pump();
  }

  pump(): void {
    while (!this.closed && this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch =
        this.queue.length <= BATCH_LINES ? this.queue : this.queue.slice(0, BATCH_LINES);
      this.queue = this.queue.length <= BATCH_LINES ? [] : this.queue.slice(BATCH_LINES);
      this.inFlight += 1;
      this.delivery.send(batch, () => {
        this.inFlight -= 1;
        this.clearStall();
        this.stream.resumeIfRoom();
        this.pump();
      });
    }
    if (!this.closed && this.inFlight >= MAX_IN_FLIGHT && this.queue.length > 0) this.armStall();
    if (!this.closed && this.stream.ended && this.queue.length === 0 && this.inFlight === 0) {
      this.finish(this.stream.error ? "error" : "ended", this.stream.error);
    }
  }

  private armStall(): void {
    this.stallTimer ??= setTimeout(
      () =>
        this.finish(
          "behind",
          "This view stopped reading the log; resuming from the last line shown.",
        ),
      STALL_MS,
    );
  }

  private clearStall(): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }

  finish(reason: "ended" | "behind" | "error", message?: string): void {
    if (this.closed) return;
    this.closed = true;
    this.clearStall();
    this.queue = [];
    this.delivery.end(reason, message);
    this.stream.remove(this);
  }
}

/** One agent log stream, shared by every viewer that asked for the same container and options. */
class SharedLogStream {
  readonly subscribers = new Set<Subscriber>();
  ended = false;
  error: string | undefined;
  private partial = "";
  private recent: LogLine[] = [];

  constructor(
    private readonly readable: Readable,
    private readonly replayLimit: number,
    private readonly onEmpty: () => void,
  ) {
    readable.setEncoding("utf8");
    readable.on("data", (text: string) => this.onText(text));
    readable.on("end", () => this.onEnd());
    readable.on("error", (err) => this.onEnd(err instanceof Error ? err.message : String(err)));
  }

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    if (this.recent.length > 0) subscriber.push(this.recent.slice());
  }

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) {
      this.readable.destroy();
      this.onEmpty();
    } else {
      this.resumeIfRoom();
    }
  }

  resumeIfRoom(): void {
    if (this.readable.isPaused() && [...this.subscribers].some((s) => s.queued < PAUSE_AT_LINES)) {
      this.readable.resume();
    }
  }

  private onText(text: string): void {
    const parts = (this.partial + text).split("\n");
    this.partial = parts.pop() ?? "";
    const lines: LogLine[] = [];
    for (const part of parts) {
      if (!part) continue;
      const line = JSON.parse(part) as LogLine;
      if (typeof line.m === "string" && typeof line.t === "string") lines.push(line);
    }
    if (lines.length === 0) return;
    if (this.replayLimit > 0) {
      this.recent = this.recent.concat(lines);
      if (this.recent.length > this.replayLimit) this.recent = this.recent.slice(-this.replayLimit);
    }
    for (const subscriber of [...this.subscribers]) subscriber.push(lines);
    if ([...this.subscribers].every((s) => s.queued >= PAUSE_AT_LINES)) this.readable.pause();
  }

  private onEnd(error?: string): void {
    if (this.ended) return;
    if (!error && this.partial) this.onText("\n");
    this.ended = true;
    this.error = error;
    for (const subscriber of [...this.subscribers]) subscriber.pump();
  }
}

/**
 * Log following for all browsers: one agent stream per (host, container, options), fanned out
 * to every viewer with its own bounded queue and acked batches.
 */
export class LogFanout {
  private readonly streams = new Map<string, Promise<SharedLogStream>>();

  constructor(private readonly hub: AgentHub) {}

  /** Starts delivering; resolves with the function that stops it. */
  async subscribe(
    hostId: string,
    options: LogOptions,
    skip: number,
    delivery: LogDelivery,
  ): Promise<() => void> {
    // Whole logs and finite reads are not shared: a later viewer would miss what was sent.
    const shareable = options.follow && options.tail !== "all" && options.tail <= MAX_SHARED_TAIL;
    const key = shareable ? `${hostId}\n${JSON.stringify(options)}` : randomUUID();
    let pending = this.streams.get(key);
    if (!pending) {
      const replay = shareable && options.tail !== "all" ? options.tail : 0;
      pending = this.hub
        .openStream(hostId, "container.logs", options)
        .then((readable) => new SharedLogStream(readable, replay, () => this.streams.delete(key)));
      this.streams.set(key, pending);
      pending.catch(() => this.streams.delete(key));
    }
    const stream = await pending;
    if (stream.ended && stream.subscribers.size === 0) {
      throw new BerthError("INTERNAL", "The log stream ended; open it again.");
    }
    const subscriber = new Subscriber(stream, delivery, options.since ?? null, skip);
    stream.add(subscriber);
    return () => subscriber.finish("ended");
  }
}
