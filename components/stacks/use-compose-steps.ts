"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { UiEvents, type ComposeStep, type ProgressMessage } from "@/lib/protocol";
import { newCallId } from "@/components/ui/call-id";
import { useUiSocket } from "@/components/ui/use-ui-socket";
import { foldStep, foldSteps } from "./steps-model";

/**
 * The steps of one compose call (deploy, start, stop, down): live from the call's progress
 * pushes while it runs, then completed with the steps its answer lists. `begin()` makes a fresh
 * callId and clears the rows; `finish(steps)` folds in the answer.
 */
export function useComposeSteps() {
  const { socket } = useUiSocket();
  const [callId, setCallId] = useState<string | null>(null);
  const [steps, setSteps] = useState<ComposeStep[]>([]);
  // read by the listener, set before the request leaves: the first pushes can beat a re-render
  const current = useRef<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    const onProgress = ({ callId: call, progress }: ProgressMessage) => {
      const step = progress.step;
      if (call !== current.current || !step) return;
      setSteps((rows) => foldStep(rows, step));
    };
    socket.on(UiEvents.commandProgress, onProgress);
    return () => {
      socket.off(UiEvents.commandProgress, onProgress);
    };
  }, [socket]);

  const begin = useCallback(() => {
    const id = newCallId();
    current.current = id;
    setSteps([]);
    setCallId(id);
    return id;
  }, []);
  const finish = useCallback((more: readonly ComposeStep[]) => {
    setSteps((rows) => foldSteps(rows, more));
  }, []);

  return { callId, steps, begin, finish };
}
