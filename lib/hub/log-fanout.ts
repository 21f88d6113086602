import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import {
  BerthError,
  resumeSince,
  unixTimeKey,
  type LogOptions,
  type LogResume,
} from "@/lib/protocol";
import type { AgentHub } from "./agent-hub";
import { LogResumeFilter } from "./log-resume-filter";

/**
 * How one subscriber receives batches (log records, sent to the browser as bytes so nothing
 * escapes the records again); `ack` is called when the browser stored it.
 */
export type LogDelivery = {
  send(data: Buffer, ack: () => void): void;
  end(reason: "ended" | "behind" | "error", message?: string): void;
};

const MAX_BATCH_BYTES = 512 * 1024;
const MAX_IN_FLIGHT = 2;
/** Past this a tab is too slow for its stream's other viewers: it is told it fell behind. */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;
/** When every viewer has this much waiting, the agent stream is paused (end-to-end flow control). */
const PAUSE_AT_BYTES = 2 * 1024 * 1024;
/** A tab that has lines waiting but acknowledges nothing for this long is told it fell behind. */
const STALL_MS = 15_000;
/** Streams whose tail fits here are shared: a viewer joining later first gets the last lines. */
const MAX_SHARED_TAIL = 10_000;

const NL = 0x0a;

class Subscriber {
  private queue: Buffer[] = [];
  private queuedBytes = 0;
  private inFlight = 0;
  private stallTimer: NodeJS.Timeout | null = null;
  closed = false;

  constructor(
    private readonly stream: SharedLogStream,
    private readonly delivery: LogDelivery,
    private readonly filter: LogResumeFilter | null,
  ) {}

  get queued(): number {
    return this.queuedBytes;
  }

  /** `data` holds whole records, each ending with a newline. */
  push(data: Buffer): void {
    // only a resumed view reads its first lines, until they are past its marks
    const kept =
      this.filter && !this.filter.finished
        ? Buffer.from(this.filter.apply(data.toString("utf8")))
        : data;
    if (kept.length > 0) {
      this.queue.push(kept);
      this.queuedBytes += kept.length;
    }
    if (this.queuedBytes > MAX_QUEUED_BYTES) {
      this.finish("behind", "This view fell behind the log; resuming from the last line shown.");
      return;
    }
    this.pump();
  }

  pump(): void {
    while (!this.closed && this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      let size = 0;
      let count = 0;
      while (
        count < this.queue.length &&
        (count === 0 || size + this.queue[count]!.length <= MAX_BATCH_BYTES)
      ) {
        size += this.queue[count]!.length;
        count += 1;
      }
      const batch = count === 1 ? this.queue[0]! : Buffer.concat(this.queue.slice(0, count), size);
      this.queue = this.queue.slice(count);
      this.queuedBytes -= size;
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
    this.queuedBytes = 0;
    this.delivery.end(reason, message);
    this.stream.remove(this);
  }
}

/**
 * One agent log stream, shared by every viewer that asked for the same container and options.
 * Records pass through as the agent wrote them: the server never decodes a line on this path.
 */
class SharedLogStream {
  readonly subscribers = new Set<Subscriber>();
  ended = false;
  error: string | undefined;
  /** the start of a record cut at a chunk's end (only from a broken stream) */
  private partial: Buffer | null = null;
  private recent: string[] = [];

  constructor(
    private readonly readable: Readable,
    private readonly replayLimit: number,
    private readonly onEmpty: () => void,
  ) {
    readable.on("data", (chunk: Buffer) => this.onChunk(chunk));
    readable.on("end", () => this.onEnd());
    readable.on("error", (err) => this.onEnd(err instanceof Error ? err.message : String(err)));
  }

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    if (this.recent.length > 0) subscriber.push(Buffer.from(`${this.recent.join("\n")}\n`));
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
    if (this.readable.isPaused() && [...this.subscribers].some((s) => s.queued < PAUSE_AT_BYTES)) {
      this.readable.resume();
    }
  }

  private onChunk(chunk: Buffer): void {
    // The agent sends whole records; a partial one can only come from a cut stream.
    const data = this.partial ? Buffer.concat([this.partial, chunk]) : chunk;
    const end = data.lastIndexOf(NL);
    this.partial = end + 1 < data.length ? Buffer.from(data.subarray(end + 1)) : null;
    if (end < 0) return;
    const whole = data.subarray(0, end + 1);
    if (this.replayLimit > 0) {
      this.recent.push(...whole.toString("utf8", 0, end).split("\n"));
      if (this.recent.length > this.replayLimit) this.recent = this.recent.slice(-this.replayLimit);
    }
    for (const subscriber of [...this.subscribers]) subscriber.push(whole);
    if ([...this.subscribers].every((s) => s.queued >= PAUSE_AT_BYTES)) this.readable.pause();
  }

  private onEnd(error?: string): void {
    if (this.ended) return;
    if (!error && this.partial) this.onChunk(Buffer.from("\n"));
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

  /** Starts delivering; resolves with the function that stops it (with a reason to tell). */
  async subscribe(
    hostId: string,
    requested: LogOptions,
    resume: LogResume | undefined,
    delivery: LogDelivery,
  ): Promise<(reason?: "ended" | "error", message?: string) => void> {
    const options = resume ? resumedOptions(requested, resume) : requested;
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
    const subscriber = new Subscriber(
      stream,
      delivery,
      resume ? new LogResumeFilter(resume) : null,
    );
    stream.add(subscriber);
    return (reason = "ended", message) => subscriber.finish(reason, message);
  }
}

/** A resumed view reads the whole log from just before the lines it holds (never before its own since). */
function resumedOptions(options: LogOptions, resume: LogResume): LogOptions {
  const since = resumeSince(resume);
  if (since === null) return options;
  const later =
    options.since !== undefined && unixTimeKey(options.since) > unixTimeKey(since)
      ? options.since
      : since;
  return { ...options, tail: "all", since: later };
}
