"use client";

import Link from "next/link";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import type { ContainerRow } from "@/lib/services/containers/container-row";
import { Button } from "@/components/ui/button";
import type { ContainerActions } from "./use-container-actions";

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
  const { busy, act, setDialog } = actions;
  const canOperate = roleAllows(role, "container.operate");
  const canDeploy = roleAllows(role, "container.create");
  const running = summary.state === "running";
  const paused = summary.state === "paused";
  return (
    <div className="flex flex-wrap gap-2" data-testid="container-actions">
      {canOperate && !running && !paused ? (
        <Button
          disabled={busy !== null}
          onClick={() => void act("start").catch(() => undefined)}
          data-testid="action-start"
        >
          {busy === "start" ? "Starting…" : "Start"}
        </Button>
      ) : null}
      {canOperate && (running || paused) ? (
        <Button
          variant="secondary"
          disabled={busy !== null}
          onClick={() => setDialog("stop")}
          data-testid="action-stop"
        >
          Stop…
        </Button>
      ) : null}
      {canOperate ? (
        <Button
          variant="secondary"
          disabled={busy !== null}
          onClick={() => setDialog("restart")}
          data-testid="action-restart"
        >
          Restart…
        </Button>
      ) : null}
      {canOperate && running ? (
        <Button
          variant="secondary"
          disabled={busy !== null}
          onClick={() => void act("pause").catch(() => undefined)}
          data-testid="action-pause"
        >
          {busy === "pause" ? "Pausing…" : "Pause"}
        </Button>
      ) : null}
      {canOperate && paused ? (
        <Button
          variant="secondary"
          disabled={busy !== null}
          onClick={() => void act("unpause").catch(() => undefined)}
          data-testid="action-unpause"
        >
          {busy === "unpause" ? "Resuming…" : "Unpause"}
        </Button>
      ) : null}
      {canOperate && (running || paused) ? (
        <Button
          variant="secondary"
          disabled={busy !== null}
          onClick={() => setDialog("kill")}
          data-testid="action-kill"
        >
          Kill…
        </Button>
      ) : null}
      {canOperate ? (
        <Button
          variant="secondary"
          disabled={busy !== null}
          onClick={() => setDialog("rename")}
          data-testid="action-rename"
        >
          Rename…
        </Button>
      ) : null}
      {canDeploy ? (
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
          <Button
            variant="secondary"
            disabled={busy !== null}
            onClick={() => setDialog("commit")}
            data-testid="action-commit"
          >
            Commit to image…
          </Button>
        </>
      ) : null}
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
      {canDeploy ? (
        <Button
          variant="danger"
          disabled={busy !== null}
          onClick={() => setDialog("remove")}
          data-testid="action-remove"
        >
          Remove…
        </Button>
      ) : null}
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
