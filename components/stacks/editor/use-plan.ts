"use client";

import { useEffect, useState } from "react";
import { ComposeProjectNameSchema } from "@/lib/protocol";
import { api, errorText } from "@/components/ui/api-client";
import { stacksApi, type StackPlanAnswer, type StackSourceDraft } from "../api";
import { toSource } from "./draft-model";

/** Typing pauses this long before the files go to the host to be checked. */
export const PLAN_DEBOUNCE_MS = 600;

export type PlanState = {
  /** The last answer for the files as they are now, or null while none came back yet. */
  answer: StackPlanAnswer | null;
  checking: boolean;
  /** The check itself failed (host offline, refused): not a problem in the files. */
  error: string | null;
};

/**
 * Checks the files on the host ~600 ms after the last edit: problems at their line and column,
 * the policy's refusals, and what deploying would change. A newer edit aborts the older check.
 */
export function usePlan({
  hostId,
  name,
  draft,
  stackId,
  enabled = true,
}: {
  hostId: string;
  name: string;
  draft: StackSourceDraft;
  stackId?: string;
  /** Off for callers who may not deploy: checking on a host needs stack.deploy. */
  enabled?: boolean;
}): PlanState {
  const [state, setState] = useState<PlanState>({ answer: null, checking: false, error: null });
  const body = JSON.stringify({
    hostId,
    name,
    ...toSource(draft),
    ...(stackId ? { stackId } : {}),
  });
  const ready = enabled && hostId !== "" && ComposeProjectNameSchema.safeParse(name).success;

  useEffect(() => {
    if (!ready) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, checking: true }));
      api<StackPlanAnswer>(stacksApi("plan"), {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
        signal: abort.signal,
      })
        .then((answer) => setState({ answer, checking: false, error: null }))
        .catch((err: unknown) => {
          if (!abort.signal.aborted)
            setState((s) => ({ ...s, checking: false, error: errorText(err) }));
        });
    }, PLAN_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [body, ready]);

  if (!ready) return { answer: null, checking: false, error: null };
  // before the first answer the check is as good as under way (the debounce is running)
  return { ...state, checking: state.checking || (state.answer === null && state.error === null) };
}
