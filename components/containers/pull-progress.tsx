"use client";

import { useEffect, useState } from "react";
import { UiEvents, type Progress, type ProgressMessage } from "@/lib/protocol";
import { formatBytes } from "@/components/ui/format";
import { useUiSocket } from "@/components/ui/use-ui-socket";

export type ProgressState = {
  /** Per layer, in the order layers first appeared. */
  layers: Map<string, Progress>;
  /** The latest message without a layer id ("Pulling from library/nginx", "Creating", ...). */
  status: string | null;
};

const EMPTY: ProgressState = { layers: new Map(), status: null };

/** Progress messages of one command call (the callId the browser made up and sent along). */
export function useCommandProgress(callId: string | null): ProgressState {
  const { socket } = useUiSocket();
  const [state, setState] = useState<{ callId: string | null; progress: ProgressState }>({
    callId,
    progress: EMPTY,
  });
  useEffect(() => {
    if (!socket || !callId) return;
    const onProgress = (message: ProgressMessage) => {
      if (message.callId !== callId) return;
      const progress = message.progress;
      setState((prev) => {
        const base = prev.callId === callId ? prev.progress : EMPTY;
        // "Pulling from <repo>" carries the tag as its id: it is about the image, not a layer
        if (!progress.id || progress.status.startsWith("Pulling from")) {
          return { callId, progress: { ...base, status: progress.status } };
        }
        const layers = new Map(base.layers);
        const before = layers.get(progress.id);
        layers.set(progress.id, {
          ...progress,
          // "Pull complete" carries no sizes; keep the last known ones for the bar.
          current: progress.current ?? (isDone(progress.status) ? before?.total : before?.current),
          total: progress.total ?? before?.total,
        });
        return { callId, progress: { ...base, layers } };
      });
    };
    socket.on(UiEvents.commandProgress, onProgress);
    return () => {
      socket.off(UiEvents.commandProgress, onProgress);
    };
  }, [socket, callId]);
  return state.callId === callId ? state.progress : EMPTY;
}

export function isDone(status: string): boolean {
  return /complete|already exists|exists|^pushed$/i.test(status);
}

/** Per-layer bars for an image pull, and the latest overall status. */
export function PullProgress({
  progress,
  label,
  done = false,
}: {
  progress: ProgressState;
  label: string;
  /** The operation is over: no spinner, the bars stay as they ended. */
  done?: boolean;
}) {
  const layers = [...progress.layers.entries()];
  return (
    <div
      className="space-y-2 rounded-lg border border-sky-200 bg-sky-50 p-4"
      data-testid="run-progress"
      role="status"
      aria-live="polite"
    >
      <div className="flex items-center gap-2 text-sm font-medium text-sky-900">
        {done ? null : (
          <span className="h-3 w-3 animate-spin rounded-full border-2 border-sky-700 border-t-transparent" />
        )}
        {label}
        {progress.status ? (
          <span className="font-normal text-sky-800" data-testid="run-progress-status">
            · {progress.status}
          </span>
        ) : null}
      </div>
      {layers.length > 0 ? (
        <ul className="space-y-1.5">
          {layers.map(([id, p]) => {
            const done = isDone(p.status);
            const pct = done
              ? 100
              : p.total && p.current !== undefined
                ? Math.min(100, (p.current / p.total) * 100)
                : null;
            return (
              <li
                key={id}
                className="grid grid-cols-[7rem_1fr_12rem] items-center gap-3 text-xs"
                data-testid="run-progress-layer"
              >
                <span className="truncate font-mono text-slate-600">{id}</span>
                <span className="h-2 overflow-hidden rounded-full bg-sky-100">
                  <span
                    className={`block h-full rounded-full ${done ? "bg-emerald-500" : "bg-sky-600"} ${pct === null ? "w-1/4 animate-pulse" : ""}`}
                    style={pct === null ? undefined : { width: `${pct}%` }}
                  />
                </span>
                <span className="truncate text-slate-600">
                  {p.status}
                  {!done && p.total && p.current !== undefined
                    ? ` ${formatBytes(p.current)} / ${formatBytes(p.total)}`
                    : ""}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
