"use client";

import { useEffect, useState } from "react";
import { UiEvents, type ProgressMessage } from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

/** Longest build output kept in the page; older text is dropped from the top. */
const MAX_OUTPUT_CHARS = 500_000;

/** The text a build call (callId) prints, in order, as the agent streams it. */
export function useBuildOutput(callId: string | null): string {
  const { socket } = useUiSocket();
  const [state, setState] = useState<{ callId: string | null; text: string }>({
    callId,
    text: "",
  });
  useEffect(() => {
    if (!socket || !callId) return;
    const onProgress = ({ callId: call, progress }: ProgressMessage) => {
      if (call !== callId || progress.phase !== "build") return;
      const chunk = progress.status;
      setState((prev) => {
        const text = (prev.callId === callId ? prev.text : "") + chunk;
        return {
          callId,
          text: text.length > MAX_OUTPUT_CHARS ? text.slice(-MAX_OUTPUT_CHARS) : text,
        };
      });
    };
    socket.on(UiEvents.commandProgress, onProgress);
    return () => {
      socket.off(UiEvents.commandProgress, onProgress);
    };
  }, [socket, callId]);
  return state.callId === callId ? state.text : "";
}
