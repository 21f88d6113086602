"use client";

import { CONTAINER_ACTIONS } from "@/lib/containers/container-actions";
import type { ContainerRow } from "@/lib/services/containers/container-row";
import { CommitDialog } from "./dialogs/commit-dialog";
import { RemoveDialog } from "./dialogs/remove-dialog";
import { TimeoutDialog } from "./dialogs/timeout-dialog";
import { ValueDialog } from "./dialogs/value-dialog";
import type { ContainerActions } from "./use-container-actions";

/** The dialog of the action the user opened, if any. */
export function ActionDialogs({
  actions,
  summary,
  base,
}: {
  actions: ContainerActions;
  summary: ContainerRow;
  base: string;
}) {
  const { busy, error, dialog, act, closeDialog, setDialog } = actions;
  const running = summary.state === "running";
  const paused = summary.state === "paused";
  return (
    <>
      {dialog === "stop" || dialog === "restart" ? (
        <TimeoutDialog
          action={dialog}
          name={summary.name}
          busy={busy !== null}
          error={error}
          onClose={closeDialog}
          onConfirm={(timeoutSeconds) =>
            void act(dialog, timeoutSeconds === undefined ? {} : { timeoutSeconds }).catch(
              () => undefined,
            )
          }
        />
      ) : null}
      {dialog === "kill" ? (
        <ValueDialog
          title={`Kill ${summary.name}?`}
          fieldId="signal"
          fieldLabel="Signal"
          initial="SIGKILL"
          confirm={CONTAINER_ACTIONS.kill.label}
          danger
          busy={busy !== null}
          error={error}
          onClose={closeDialog}
          onConfirm={(signal) =>
            void act("kill", signal.trim() ? { signal: signal.trim() } : {}).catch(() => undefined)
          }
        />
      ) : null}
      {dialog === "rename" ? (
        <ValueDialog
          title={`Rename ${summary.name}`}
          fieldId="rename-name"
          fieldLabel="New name"
          initial={summary.name}
          confirm={CONTAINER_ACTIONS.rename.label}
          busy={busy !== null}
          error={error}
          onClose={closeDialog}
          onConfirm={(name) => void act("rename", { name: name.trim() }).catch(() => undefined)}
        />
      ) : null}
      {dialog === "remove" ? (
        <RemoveDialog
          name={summary.name}
          running={running || paused}
          busy={busy !== null}
          error={error}
          onClose={closeDialog}
          onConfirm={(force, removeVolumes) =>
            void act("remove", { force, removeVolumes }).catch(() => undefined)
          }
        />
      ) : null}
      {dialog === "commit" ? (
        <CommitDialog base={base} image={summary.image} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
