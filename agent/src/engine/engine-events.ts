import type Docker from "dockerode";
import { Backoff } from "../backoff";
import { formatDelay, log } from "../log";
import { CONTAINER_LIST_EVENTS, baseAction } from "./container-feed";
import { CONTAINER_LIFE_EVENTS } from "./container-life-events";
import { toWireError } from "./engine-errors";
import { NETWORK_LIST_EVENTS } from "./network-list-events";
import { SWARM_EVENT_TYPES, SWARM_LIST_EVENTS } from "./swarm-list-events";

/** Engine events that can change the counts in EngineInfo. */
const COUNT_CHANGING = new Set([
  "create",
  "destroy",
  "start",
  "die",
  "pause",
  "unpause",
  "pull",
  "load",
  "import",
  "delete",
  "tag",
  "untag",
]);

/** Event types whose events change the counts in EngineInfo. */
const COUNTED_TYPES = new Set(["container", "image"]);

/**
 * What the agent follows: the counts above plus everything the live lists need (a push adds a
 * digest, volume mounts change who runs with a volume) and the container life events alerts read.
 */
const FOLLOWED_EVENTS = {
  type: ["container", "image", "network", "volume", ...SWARM_EVENT_TYPES] as Array<
    "container" | "image" | "network" | "volume" | "node" | "service"
  >,
  event: [
    ...new Set([
      ...COUNT_CHANGING,
      ...CONTAINER_LIST_EVENTS,
      ...CONTAINER_LIFE_EVENTS,
      "push",
      ...NETWORK_LIST_EVENTS,
      "mount",
      "unmount",
      ...SWARM_LIST_EVENTS,
    ]),
  ],
};

/** One message of GET /events, as far as the agent reads it. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
}

/** Splits the event stream's newline-delimited JSON; bad lines are skipped. */
export function createEventLineParser(
  onEvent: (e: EngineEvent) => void,
): (chunk: Buffer | string) => void {
  let buf = "";
  return (chunk) => {
    buf += chunk.toString();
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (!line) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        continue;
      }
      const e = raw as {
        Type?: unknown;
        Action?: unknown;
        status?: unknown;
        id?: unknown;
        Actor?: { ID?: unknown; Attributes?: unknown };
      };
      const action =
        typeof e.Action === "string" ? e.Action : typeof e.status === "string" ? e.status : "";
      const id =
        typeof e.Actor?.ID === "string" ? e.Actor.ID : typeof e.id === "string" ? e.id : "";
      onEvent({
        Type: typeof e.Type === "string" ? e.Type : "",
        Action: action,
        Actor: { ID: id, Attributes: (e.Actor?.Attributes ?? {}) as Record<string, string> },
      });
    }
  };
}

export interface EngineEventHandlers {
  /** Every followed event. */
  onEvent?: (event: EngineEvent) => void;
  /** The stream was re-established after a break: events may have been missed. */
  onReopen?: () => void;
}

/** A stream that lived this long counts as healthy: the next failure starts backoff afresh. */
const HEALTHY_AFTER_MS = 30_000;

/**
 * Follows the engine's event stream (one subscription for the whole agent) and calls onChange
 * for every count-changing event, and once more whenever the stream is re-established (the
 * engine may have changed meanwhile); handlers.onEvent gets every followed event.
 * Reopens the stream with backoff when it breaks or the engine is down.
 */
export class EngineEventWatcher {
  private running = false;
  private stream: NodeJS.ReadableStream | null = null;
  private abort: AbortController | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly backoff = new Backoff({ minMs: 1_000, maxMs: 30_000 });
  private opens = 0;
  private failing = false;

  constructor(
    private readonly docker: Docker,
    private readonly socketPath: string,
    private readonly onChange: () => void,
    private readonly handlers: EngineEventHandlers = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.open();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    this.abort = null;
    const stream = this.stream as (NodeJS.ReadableStream & { destroy?: () => void }) | null;
    this.stream = null;
    stream?.destroy?.();
  }

  private async open(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.docker.getEvents({
        filters: FOLLOWED_EVENTS,
        abortSignal: abort.signal,
      } as Docker.GetEventsOptions);
    } catch (err) {
      if (!this.running || abort.signal.aborted) return;
      const delay = this.backoff.next();
      if (!this.failing) {
        log.warn(
          `engine events unavailable (${toWireError(err, this.socketPath).message}); retrying`,
        );
      }
      this.failing = true;
      this.retryIn(delay);
      return;
    }
    if (!this.running || abort.signal.aborted) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      return;
    }
    this.stream = stream;
    const openedAt = Date.now();
    if (this.failing) log.info("engine events: following again");
    if (this.opens > 0 || this.failing) {
      this.onChange();
      this.handlers.onReopen?.();
    }
    this.opens += 1;
    this.failing = false;

    let closed = false;
    const onClosed = (why: string) => {
      if (closed) return;
      closed = true;
      if (this.stream === stream) this.stream = null;
      if (!this.running) return;
      if (Date.now() - openedAt > HEALTHY_AFTER_MS) this.backoff.reset();
      const delay = this.backoff.next();
      log.warn(`engine events stream ${why}; reopening in ${formatDelay(delay)}`);
      this.retryIn(delay);
    };
    const parse = createEventLineParser((event) => {
      if (COUNTED_TYPES.has(event.Type) && COUNT_CHANGING.has(baseAction(event.Action))) {
        this.onChange();
      }
      this.handlers.onEvent?.(event);
    });
    stream.on("data", (chunk: Buffer | string) => parse(chunk));
    stream.on("end", () => onClosed("ended"));
    stream.on("close", () => onClosed("closed"));
    stream.on("error", (err: Error) => onClosed(`failed: ${err.message}`));
  }

  private retryIn(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) void this.open();
    }, delay);
  }
}
