"use client";

import Link from "next/link";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import { CONTAINER_ACTIONS, type ContainerAction } from "@/lib/containers/container-actions";
import type { ContainerRow } from "@/lib/services/containers/container-row";
import { Button } from "@/components/ui/button";
import type { ActionDialogKind, ContainerActions } from "./use-container-actions";

/** The container page's action buttons: only those the user's role and the container's state allow. */
export function ActionButtons({
  actions,
  summary,
  role,
  base,
  containerRef,
}: {
  actions: ContainerActions;
  summary: ContainerRow;
  role: HostRoleName;
  base: string;
  /** "hostId/containerId", as the run form's duplicate and edit modes take it. */
  containerRef: string;
}) {
  const { busy, act } = actions;
  const allows = (action: ContainerAction) =>
    roleAllows(role, CONTAINER_ACTIONS[action].permission);
  const running = summary.state === "running";
  const paused = summary.state === "paused";

  /** A button that acts at once, saying so while it runs. */
  const immediateButton = (action: ContainerAction, busyLabel: string) => (
    <Button
      variant={action === "start" ? "primary" : "secondary"}
      disabled={busy !== null}
      onClick={() => void act(action).catch(() => undefined)}
      data-testid={`action-${action}`}
    >
      {busy === action ? busyLabel : CONTAINER_ACTIONS[action].label}
    </Button>
  );
  /** A button that opens the action's dialog. */
  const dialogButton = (action: ActionDialogKind) => (
    <Button
      variant={action === "remove" ? "danger" : "secondary"}
      disabled={busy !== null}
      onClick={() => actions.setDialog(action)}
      data-testid={`action-${action}`}
    >
      {`${CONTAINER_ACTIONS[action].label}…`}
    </Button>
  );

  return (
    <div className="flex flex-wrap gap-2" data-testid="container-actions">
      {allows("start") && !running && !paused ? immediateButton("start", "Starting…") : null}
      {allows("stop") && (running || paused) ? dialogButton("stop") : null}
      {allows("restart") ? dialogButton("restart") : null}
      {allows("pause") && running ? immediateButton("pause", "Pausing…") : null}
      {allows("unpause") && paused ? immediateButton("unpause", "Resuming…") : null}
      {allows("kill") && (running || paused) ? dialogButton("kill") : null}
      {allows("rename") ? dialogButton("rename") : null}
      {roleAllows(role, "container.create") ? (
        <>
          <LinkButton
            href={`/containers/new?from=${encodeURIComponent(containerRef)}`}
            testId="action-duplicate"
          >
            Duplicate
          </LinkButton>
          <LinkButton
            href={`/containers/new?edit=${encodeURIComponent(containerRef)}`}
            testId="action-edit"
          >
            Edit
          </LinkButton>
        </>
      ) : null}
      {allows("commit") ? dialogButton("commit") : null}
      {roleAllows(role, "container.export") ? (
        <a
          href={`${base}/export`}
          download
          data-testid="action-export"
          className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
        >
          Export tar
        </a>
      ) : null}
      {allows("remove") ? dialogButton("remove") : null}
    </div>
  );
}

function LinkButton({
  href,
  children,
  testId,
}: {
  href: string;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <Link
      href={href}
      data-testid={testId}
      className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
    >
      {children}
    </Link>
  );
}
