"use client";

import Link from "next/link";
import { useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import { ContainerStatsChart } from "@/components/charts/container-stats-chart";
import { LogViewer } from "@/components/logs/log-viewer";
import { ExecTerminal } from "@/components/terminal/exec-terminal";
import { ContainerUpdatePanel } from "@/components/image-updates/container-update-panel";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { HealthText, StateBadge } from "../state-badge";
import { containerPath } from "../urls";
import { ActionButtons } from "./action-buttons";
import { ActionDialogs } from "./action-dialogs";
import { RunWarnings, useRunWarnings } from "./run-warnings";
import { TabBar, type Tab } from "./tab-bar";
import { ChangesTab } from "./tabs/changes-tab";
import { EnvTab } from "./tabs/env-tab";
import { InspectTab } from "./tabs/inspect-tab";
import { LabelsTab } from "./tabs/labels-tab";
import { MountsTab } from "./tabs/mounts-tab";
import { NetworksTab } from "./tabs/networks-tab";
import { PortsTab } from "./tabs/ports-tab";
import { ProcessesTab } from "./tabs/processes-tab";
import { SecurityTab } from "./tabs/security-tab";
import { SummaryTab } from "./tabs/summary-tab";
import { useContainerActions } from "./use-container-actions";
import { useContainerDetail } from "./use-container-detail";

/** The reference the container was made from (the list shows an id once its tag moved). */
function imageOf(inspect: Record<string, unknown>): string | undefined {
  const image = (inspect.Config as { Image?: unknown } | undefined)?.Image;
  return typeof image === "string" ? image : undefined;
}

/** One container's page: header, actions, and a tab per aspect of it. */
export function ContainerDetails({ hostId, id }: { hostId: string; id: string }) {
  const { detail, loadError, gone, load } = useContainerDetail(hostId, id);
  const [tab, setTab] = useState<Tab>("summary");
  const base = containerPath(hostId, id);
  const actions = useContainerActions(base, load);
  const warnings = useRunWarnings(id);

  if (loadError && !detail) {
    return (
      <div className="space-y-3">
        <Link href="/containers" className="text-sm text-sky-700 hover:underline">
          ← Containers
        </Link>
        <ErrorMessage>{loadError.message}</ErrorMessage>
        <Button variant="secondary" onClick={() => void load()}>
          Retry
        </Button>
      </div>
    );
  }
  if (!detail) return <p className="text-sm text-slate-500">Loading the container…</p>;

  const { summary, inspect, role } = detail;
  const running = summary.state === "running";
  const paused = summary.state === "paused";
  const containerId = summary.id || id;

  return (
    <div className="space-y-4" data-testid="container-details">
      <Link href="/containers" className="text-sm text-sky-700 hover:underline">
        ← Containers
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold" data-testid="container-title">
          {summary.name}
        </h1>
        <StateBadge state={summary.state} />
        {summary.health !== "none" ? <HealthText health={summary.health} /> : null}
        <span className="text-sm text-slate-500">
          on{" "}
          <Link
            href={`/hosts/${encodeURIComponent(hostId)}`}
            className="text-sky-700 hover:underline"
          >
            {summary.hostName}
          </Link>
          {summary.hostOnline ? "" : " (offline)"}
        </span>
      </div>

      {gone ? (
        <ErrorMessage>This container no longer exists on the host.</ErrorMessage>
      ) : (
        <ActionButtons
          actions={actions}
          summary={summary}
          role={role}
          base={base}
          containerRef={`${hostId}/${containerId}`}
        />
      )}
      {actions.error && actions.dialog === null ? (
        <ErrorMessage>{actions.error}</ErrorMessage>
      ) : null}
      {loadError && detail ? (
        <ErrorMessage>Could not refresh: {loadError.message}</ErrorMessage>
      ) : null}
      <RunWarnings warnings={warnings} />
      {gone ? null : (
        <ContainerUpdatePanel
          hostId={hostId}
          containerId={containerId}
          name={summary.name}
          image={imageOf(inspect) ?? summary.image}
          labels={summary.labels}
          role={role}
        />
      )}

      <TabBar tab={tab} role={role} onSelect={setTab} />

      <div role="tabpanel">
        {tab === "summary" ? <SummaryTab detail={detail} /> : null}
        {tab === "logs" ? (
          <LogViewer sources={[{ hostId, containerId, name: summary.name }]} />
        ) : null}
        {tab === "terminal" && roleAllows(role, "container.exec") ? (
          <ExecTerminal hostId={hostId} containerId={containerId} running={running} />
        ) : null}
        {tab === "stats" ? <ContainerStatsChart hostId={hostId} containerId={containerId} /> : null}
        {tab === "ports" ? (
          <PortsTab
            inspect={inspect}
            hostAddress={summary.hostAddress}
            hostName={summary.hostName}
          />
        ) : null}
        {tab === "mounts" ? <MountsTab inspect={inspect} /> : null}
        {tab === "networks" ? <NetworksTab inspect={inspect} /> : null}
        {tab === "env" ? (
          <EnvTab base={base} env={detail.env} canReveal={roleAllows(role, "container.secrets")} />
        ) : null}
        {tab === "labels" ? <LabelsTab inspect={inspect} /> : null}
        {tab === "security" ? <SecurityTab detail={detail} /> : null}
        {tab === "processes" ? <ProcessesTab base={base} running={running || paused} /> : null}
        {tab === "changes" ? <ChangesTab base={base} /> : null}
        {tab === "inspect" ? <InspectTab inspect={inspect} /> : null}
      </div>

      <ActionDialogs actions={actions} summary={summary} base={base} />
    </div>
  );
}
