"use client";

import { useEffect, useState } from "react";
import {
  ONBOARDING_PHASES,
  UiEvents,
  type OnboardingStep,
  type ProgressMessage,
} from "@/lib/protocol";
import { useUiSocket } from "@/components/ui/use-ui-socket";

export type StepState = "running" | "done" | "failed";
export type OnboardingProgress = {
  steps: Partial<Record<OnboardingStep, { state: StepState; output: string }>>;
  upload: { current: number; total: number } | null;
  /** Output of steps outside the onboarding list (the uninstaller's). */
  other: string;
};

const EMPTY: OnboardingProgress = { steps: {}, upload: null, other: "" };

/** The steps of an onboarding (or removal) run tagged `callId`, as the server streams them. */
export function useOnboardingProgress(callId: string | null): OnboardingProgress {
  const { socket } = useUiSocket();
  const [state, setState] = useState<{ callId: string | null; progress: OnboardingProgress }>({
    callId,
    progress: EMPTY,
  });
  useEffect(() => {
    if (!socket || !callId) return;
    const onProgress = ({ callId: call, progress }: ProgressMessage) => {
      if (call !== callId) return;
      setState((prev) => {
        const current = prev.callId === callId ? prev.progress : EMPTY;
        const step = progress.id as OnboardingStep;
        const known = current.steps[step];
        if (progress.phase === ONBOARDING_PHASES.step) {
          const next = { state: progress.status as StepState, output: known?.output ?? "" };
          return { callId, progress: { ...current, steps: { ...current.steps, [step]: next } } };
        }
        if (progress.phase === ONBOARDING_PHASES.upload) {
          const upload = { current: progress.current ?? 0, total: progress.total ?? 0 };
          return { callId, progress: { ...current, upload } };
        }
        if (progress.phase !== ONBOARDING_PHASES.output) return prev;
        if (!known)
          return { callId, progress: { ...current, other: current.other + progress.status } };
        const next = { ...known, output: known.output + progress.status };
        return { callId, progress: { ...current, steps: { ...current.steps, [step]: next } } };
      });
    };
    socket.on(UiEvents.commandProgress, onProgress);
    return () => {
      socket.off(UiEvents.commandProgress, onProgress);
    };
  }, [socket, callId]);
  return state.callId === callId ? state.progress : EMPTY;
}
