"use client";

import { useEffect, useState } from "react";
import { UiEvents, type Progress, type ProgressMessage } from "@/lib/protocol";
import { formatBytes } from "@/components/ui/format";
import { useUiSocket } from "@/components/ui/use-ui-socket";

/** The latest byte count of one call (backup, restore, clone) the browser tagged with `callId`. */
export function useByteProgress(callId: string | null): Progress | null {
  const { socket } = useUiSocket();
  const [latest, setLatest] = useState<{ callId: string; progress: Progress } | null>(null);
  useEffect(() => {
    if (!socket || !callId) return;
    const onProgress = (message: ProgressMessage) => {
      if (message.callId === callId) setLatest({ callId, progress: message.progress });
    };
    socket.on(UiEvents.commandProgress, onProgress);
    return () => {
      socket.off(UiEvents.commandProgress, onProgress);
    };
  }, [socket, callId]);
  return latest && latest.callId === callId ? latest.progress : null;
}

/** "12 MiB of 40 MiB" or "12 MiB". */
export function describeBytes(progress: Progress | null): string {
  if (!progress || progress.current === undefined) return "";
  const done = formatBytes(progress.current);
  return progress.total ? `${done} of ${formatBytes(progress.total)}` : done;
}
