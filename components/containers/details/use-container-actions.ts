"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ContainerAction } from "@/lib/containers/container-actions";
import { errorText, postJson } from "@/components/ui/api-client";

/** The actions that ask for confirmation or options first. */
export type ActionDialogKind = Extract<
  ContainerAction,
  "stop" | "restart" | "kill" | "rename" | "remove" | "commit"
>;

/**
 * Lifecycle actions on the container page: which one is running, its error, the open dialog.
 * After a remove the page goes back to the list; after anything else it reloads.
 */
export function useContainerActions(base: string, reload: () => Promise<void>) {
  const router = useRouter();
  const [busy, setBusy] = useState<ContainerAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<ActionDialogKind | null>(null);

  const act = async (action: ContainerAction, body: unknown = {}): Promise<unknown> => {
    setBusy(action);
    setError(null);
    try {
      const result = await postJson<unknown>(`${base}/${action}`, body);
      if (action === "remove") {
        router.push("/containers");
        return result;
      }
      setDialog(null);
      await reload();
      return result;
    } catch (err) {
      setError(errorText(err));
      throw err;
    } finally {
      setBusy(null);
    }
  };

  /** Closing a dialog also drops the error it showed. */
  const closeDialog = () => {
    setDialog(null);
    setError(null);
  };

  return { busy, error, dialog, setDialog, closeDialog, act };
}

export type ContainerActions = ReturnType<typeof useContainerActions>;
