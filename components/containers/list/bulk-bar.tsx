"use client";

import { useState } from "react";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import {
  BULK_CONTAINER_ACTIONS,
  CONTAINER_ACTIONS,
  type BulkContainerAction,
} from "@/lib/containers/container-actions";
import type { BulkResult } from "@/lib/services/containers/bulk-container-action";
import { ErrorMessage } from "@/components/ui/alert";
import { errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export type Selected = { hostId: string; id: string; name: string; role: HostRoleName };

const BUSY: Record<BulkContainerAction, string> = {
  start: "Starting…",
  stop: "Stopping…",
  restart: "Restarting…",
  remove: "Removing…",
};

const PAST: Record<BulkContainerAction, string> = {
  start: "Started",
  stop: "Stopped",
  restart: "Restarted",
  remove: "Removed",
};

/** Actions on the selected containers, across hosts; each failure is listed by name. */
export function BulkBar({
  selected,
  onClear,
  onDone,
}: {
  selected: Selected[];
  onClear: () => void;
  /** After an action: which selected containers are gone, and a line to show once the bar closes. */
  onDone: (succeededKeys: string[], note: string) => void;
}) {
  const [busy, setBusy] = useState<BulkContainerAction | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [force, setForce] = useState(false);
  const [outcome, setOutcome] = useState<{
    action: BulkContainerAction;
    ok: number;
    failures: { name: string; hostId: string; error: string }[];
  } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: BulkContainerAction) => {
    setBusy(action);
    setError(null);
    setOutcome(null);
    const targets = selected.map(({ hostId, id }) => ({ hostId, id }));
    try {
      const body = await postJson<{ results: BulkResult[] }>("/api/containers/bulk", {
        action,
        targets,
        ...(action === "remove" ? { force } : {}),
      });
      const names = new Map(selected.map((s) => [`${s.hostId}/${s.id}`, s.name]));
      const failures = body.results
        .filter((r) => !r.ok)
        .map((r) => ({
          name: names.get(`${r.hostId}/${r.id}`) ?? r.id.slice(0, 12),
          hostId: r.hostId,
          error: r.error ?? "Failed.",
        }));
      const succeeded = body.results.filter((r) => r.ok).map((r) => `${r.hostId}/${r.id}`);
      setOutcome({ action, ok: succeeded.length, failures });
      setConfirmRemove(false);
      onDone(
        action === "remove" ? succeeded : [],
        `${PAST[action]} ${succeeded.length} ${succeeded.length === 1 ? "container" : "containers"}.`,
      );
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div
      className="space-y-2 rounded-lg border border-sky-200 bg-sky-50 p-3"
      data-testid="bulk-bar"
      role="region"
      aria-label="Selected containers"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-2 text-sm font-medium text-sky-900" data-testid="bulk-count">
          {selected.length} selected
        </span>
        {BULK_CONTAINER_ACTIONS.map((action) => {
          const { label, permission } = CONTAINER_ACTIONS[action];
          const allowed = selected.some((s) => roleAllows(s.role, permission));
          if (!allowed) return null;
          return (
            <Button
              key={action}
              variant={action === "remove" ? "danger" : "secondary"}
              disabled={busy !== null}
              data-testid={`bulk-${action}`}
              onClick={() => (action === "remove" ? setConfirmRemove(true) : void run(action))}
            >
              {busy === action ? BUSY[action] : action === "remove" ? `${label}…` : label}
            </Button>
          );
        })}
        <button
          type="button"
          onClick={onClear}
          className="ml-auto text-sm text-sky-800 hover:underline"
          disabled={busy !== null}
        >
          Clear selection
        </button>
      </div>
      {error && !confirmRemove ? <ErrorMessage>{error}</ErrorMessage> : null}
      {outcome ? (
        <div className="text-sm" data-testid="bulk-result">
          {outcome.ok > 0 ? (
            <p className="text-emerald-800">
              {PAST[outcome.action]} {outcome.ok} {outcome.ok === 1 ? "container" : "containers"}.
            </p>
          ) : null}
          {outcome.failures.length > 0 ? (
            <div className="mt-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
              <p className="font-medium">{outcome.failures.length} failed:</p>
              <ul className="mt-1 list-disc pl-5" data-testid="bulk-failures">
                {outcome.failures.map((f) => (
                  <li key={`${f.hostId}/${f.name}`}>
                    <span className="font-medium">{f.name}</span>: {f.error}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
      {confirmRemove ? (
        <Dialog
          title={`Remove ${selected.length} ${selected.length === 1 ? "container" : "containers"}?`}
          onClose={() => setConfirmRemove(false)}
          busy={busy !== null}
          testId="bulk-remove-dialog"
        >
          <p className="text-sm text-slate-600">
            This deletes the containers and their writable layers. Named volumes stay.
          </p>
          <ul className="max-h-40 list-disc overflow-y-auto pl-5 text-sm">
            {selected.slice(0, 50).map((s) => (
              <li key={`${s.hostId}/${s.id}`}>{s.name}</li>
            ))}
            {selected.length > 50 ? <li>and {selected.length - 50} more</li> : null}
          </ul>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={force}
              onChange={(e) => setForce(e.target.checked)}
              data-testid="bulk-remove-force"
            />
            Force: stop running containers first
          </label>
          {error ? <ErrorMessage>{error}</ErrorMessage> : null}
          <div className="flex gap-2">
            <Button
              variant="danger"
              disabled={busy !== null}
              onClick={() => void run("remove")}
              data-testid="bulk-remove-confirm"
            >
              {busy === "remove" ? "Removing…" : "Remove"}
            </Button>
            <Button
              variant="secondary"
              disabled={busy !== null}
              onClick={() => setConfirmRemove(false)}
            >
              Cancel
            </Button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
