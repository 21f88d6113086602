"use client";

import { useEffect, useRef, useState } from "react";
import { useUiSocket, type LinkState, type UiSocket } from "@/components/ui/use-ui-socket";
import { UiEvents, decodeLogBatch, type UiPushPayload } from "@/lib/protocol";
import { START, advanceResume, LogStore, type IncomingLine, type ResumePoint } from "./log-model";

export type LogSource = { hostId: string; containerId: string; name: string };

export type StreamOptions = {
  follow: boolean;
  tail: number | "all";
  /** UNIX seconds strings */
  since?: string;
  until?: string;
};

export type SourceState = "connecting" | "live" | "behind" | "reconnecting" | "ended" | "error";

type Batch = UiPushPayload<typeof UiEvents.logsBatch>;
type End = UiPushPayload<typeof UiEvents.logsEnd>;

type SourceRun = {
  subId: string | null;
  resume: ResumePoint;
  state: SourceState;
  message?: string;
  /** bumps on every (re)subscribe so a late ack of an old attempt is ignored */
  attempt: number;
};

/**
 * Follows the logs of one or more containers into a LogStore (kept in a ref; `version` bumps at
 * most once per animation frame). Batches are acked once stored — also while paused, when they
 * wait in a pending buffer — which is the flow control the server relies on. After "behind" or a
 * dropped link each source resumes from its last line's time, skipping lines already held.
 */
export function useLogStream(
  sources: readonly LogSource[],
  options: StreamOptions,
  paused: boolean,
  maxLines: number,
) {
  const { socket, link } = useUiSocket();
  const storeRef = useRef<LogStore | null>(null);
  storeRef.current ??= new LogStore(maxLines);
  const pending = useRef<{ lines: IncomingLine[]; source: number }[]>([]);
  const pendingCount = useRef(0);
  const pausedRef = useRef(paused);
  const [version, setVersion] = useState(0);
  const [states, setStates] = useState<{ state: SourceState; message?: string }[]>([]);
  const frame = useRef<number | null>(null);

  const flush = () => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      setVersion((v) => v + 1);
    });
  };
  const flushRef = useRef(flush);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  // Pause / resume: on resume the lines that waited go into the store in one go.
  useEffect(() => {
    pausedRef.current = paused;
    if (!paused && pending.current.length > 0) {
      const store = storeRef.current!;
      for (const p of pending.current) store.add(p.lines, p.source);
      pending.current = [];
      pendingCount.current = 0;
      flushRef.current();
    }
  }, [paused]);

  const sourcesKey = JSON.stringify(sources.map((s) => [s.hostId, s.containerId]));
  const optionsKey = JSON.stringify(options);
  const sourcesRef = useRef(sources);
  sourcesRef.current = sources;

  useEffect(() => {
    if (!socket) return;
    const list = sourcesRef.current;
    const opts = JSON.parse(optionsKey) as StreamOptions;
    const store = storeRef.current!;
    store.clear();
    pending.current = [];
    pendingCount.current = 0;
    let disposed = false;
    const runs: SourceRun[] = list.map(() => ({
      subId: null,
      resume: START,
      state: "connecting",
      attempt: 0,
    }));
    const bySub = new Map<string, number>();
    /** batches that arrived before their subscribe ack */
    const early = new Map<string, { payload: Batch; ack?: () => void }[]>();

    const publish = () => {
      if (disposed) return;
      setStates(runs.map((r) => ({ state: r.state, message: r.message })));
    };

    const accept = (index: number, lines: IncomingLine[]) => {
      const run = runs[index]!;
      run.resume = advanceResume(run.resume, lines);
      if (run.state !== "live") {
        run.state = "live";
        run.message = undefined;
        publish();
      }
      if (pausedRef.current) {
        pending.current.push({ lines, source: index });
        pendingCount.current += lines.length;
        // Bounded even while paused: the oldest waiting lines give way.
        while (pendingCount.current > maxLines && pending.current.length > 1) {
          const first = pending.current.shift()!;
          pendingCount.current -= first.lines.length;
          store.dropped += first.lines.length;
        }
      } else {
        store.add(lines, index);
      }
      flushRef.current();
    };

    const subscribe = (index: number, s: UiSocket) => {
      const run = runs[index]!;
      const src = list[index]!;
      run.attempt += 1;
      const attempt = run.attempt;
      run.subId = null;
      const options = {
        id: src.containerId,
        follow: opts.follow,
        tail: opts.tail,
        ...(opts.since ? { since: opts.since } : {}),
        ...(opts.until ? { until: opts.until } : {}),
      };
      const resuming = run.resume.out !== undefined || run.resume.err !== undefined;
      s.emit(
        UiEvents.logsSubscribe,
        { hostId: src.hostId, options, ...(resuming ? { resume: run.resume } : {}) },
        (answer) => {
          if (disposed || attempt !== run.attempt) {
            if (answer?.ok)
              s.emit(UiEvents.logsUnsubscribe, { subscriptionId: answer.subscriptionId });
            return;
          }
          if (!answer || !answer.ok) {
            run.state = "error";
            run.message = answer?.error?.message ?? "The server refused the log subscription.";
            publish();
            return;
          }
          run.subId = answer.subscriptionId;
          bySub.set(answer.subscriptionId, index);
          run.state = "live";
          run.message = undefined;
          publish();
          const waiting = early.get(answer.subscriptionId);
          if (waiting) {
            early.delete(answer.subscriptionId);
            for (const w of waiting) onBatch(w.payload, w.ack);
          }
        },
      );
    };

    const onBatch = (payload: Batch, ack?: () => void) => {
      const subId = payload?.subscriptionId;
      if (typeof subId !== "string") {
        ack?.();
        return;
      }
      const index = bySub.get(subId);
      if (index === undefined) {
        // Possibly ours, ahead of the subscribe ack: hold it briefly.
        const list = early.get(subId) ?? [];
        list.push({ payload, ack });
        early.set(subId, list);
        setTimeout(() => {
          const still = early.get(subId);
          if (still === list) {
            early.delete(subId);
            for (const w of list) w.ack?.();
          }
        }, 5000);
        return;
      }
      const lines = decodeLogBatch(payload.data);
      if (lines.length > 0) accept(index, lines);
      ack?.();
    };

    const onEnd = (payload: End) => {
      const subId = payload?.subscriptionId;
      if (typeof subId !== "string") return;
      const index = bySub.get(subId);
      if (index === undefined) return;
      bySub.delete(subId);
      const run = runs[index]!;
      run.subId = null;
      if (payload.reason === "behind") {
        run.state = "behind";
        run.message = undefined;
        publish();
        if (socket.connected) subscribe(index, socket);
        return;
      }
      run.state = payload.reason === "error" ? "error" : "ended";
      run.message = payload.message;
      publish();
    };

    const onDisconnect = () => {
      bySub.clear();
      for (const run of runs) {
        if (run.state === "ended" || run.state === "error") continue;
        run.subId = null;
        run.attempt += 1;
        run.state = "reconnecting";
      }
      publish();
    };

    const onConnect = () => {
      runs.forEach((run, i) => {
        if (run.state === "reconnecting" || (run.state === "connecting" && run.subId === null)) {
          subscribe(i, socket);
        }
      });
    };

    socket.on(UiEvents.logsBatch, onBatch);
    socket.on(UiEvents.logsEnd, onEnd);
    socket.on("disconnect", onDisconnect);
    socket.on("connect", onConnect);
    publish();
    if (socket.connected) list.forEach((_, i) => subscribe(i, socket));
    flushRef.current();

    return () => {
      disposed = true;
      socket.off(UiEvents.logsBatch, onBatch);
      socket.off(UiEvents.logsEnd, onEnd);
      socket.off("disconnect", onDisconnect);
      socket.off("connect", onConnect);
      for (const run of runs) {
        if (run.subId) socket.emit(UiEvents.logsUnsubscribe, { subscriptionId: run.subId });
      }
      for (const waiting of early.values()) for (const w of waiting) w.ack?.();
    };
  }, [socket, sourcesKey, optionsKey, maxLines]);

  const clear = () => {
    storeRef.current!.clear();
    pending.current = [];
    pendingCount.current = 0;
    flushRef.current();
  };

  return {
    store: storeRef.current,
    version,
    states,
    link: link as LinkState,
    pendingCount: pendingCount.current,
    clear,
  };
}
