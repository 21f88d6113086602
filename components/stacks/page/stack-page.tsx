"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import type { StackDetail } from "@/lib/services/stacks/stack-row";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText, postJson } from "@/components/ui/api-client";
import { formatRelative } from "@/components/ui/format";
import { stackApi, type StepsAnswer } from "../api";
import { DeploySteps } from "../deploy-steps";
import { StackStateBadge } from "../state-badge";
import { describeFailure, firstFailure } from "../steps-model";
import { useComposeSteps } from "../use-compose-steps";
import { useHostChangeFeed } from "@/components/ui/use-host-change-feed";
import { EditorTab } from "./editor-tab";
import { GitTab } from "./git-tab";
import { LogsTab } from "./logs-tab";
import { ServicesTab } from "./services-tab";
import { StackActions, type StackAction } from "./stack-actions";

type Tab = "services" | "editor" | "logs" | "git";

const RUNNING_WORDS: Record<StackAction["kind"], string> = {
  deploy: "Deploying",
  start: "Starting",
  stop: "Stopping",
  restart: "Restarting",
  down: "Taking down",
  remove: "Removing",
};

const DONE_WORDS: Record<StackAction["kind"], string> = {
  deploy: "Deployed",
  start: "Started",
  stop: "Stopped",
  restart: "Restarted",
  down: "Took down",
  remove: "Removed",
};

const DEFAULT_DEPLOY = { pull: false, removeOrphans: false, forceRecreate: false };

/** One stack: its state and actions, its services and containers, files, logs and git source. */
export function StackPage({
  id,
  hosts,
}: {
  id: string;
  hosts: Record<string, { name: string; address: string | null }>;
}) {
  const router = useRouter();
  const [detail, setDetail] = useState<StackDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("services");
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  // the steps show where the action was started: the header, the editor or the git tab
  const [origin, setOrigin] = useState<{ tab: Tab | null; kind: StackAction["kind"] } | null>(null);
  const steps = useComposeSteps();

  const refresh = useCallback(async () => {
    try {
      setDetail(await api<StackDetail>(stackApi(id)));
      setLoadError(null);
    } catch (err) {
      setLoadError(errorText(err));
    }
  }, [id]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const hostId = detail?.row.hostId ?? null;
  useHostChangeFeed(
    "stacksChanged",
    (changed) => {
      if (changed === null || changed === hostId) void refresh();
    },
    { alsoOffline: true },
  );

  async function run(action: StackAction, from: Tab | null, services?: string[]) {
    setBusy(true);
    setActionError(null);
    setOrigin({ tab: from, kind: action.kind });
    const callId = steps.begin();
    try {
      let answer: StepsAnswer;
      if (action.kind === "remove") {
        const query = action.down ? `?down=1${action.volumes ? "&volumes=1" : ""}` : "";
        await api(`${stackApi(id)}${query}`, { method: "DELETE" });
        router.push("/stacks");
        return;
      } else if (action.kind === "deploy") {
        answer = await postJson<StepsAnswer>(stackApi(id, "deploy"), { ...action.options, callId });
      } else if (action.kind === "down") {
        answer = await postJson<StepsAnswer>(stackApi(id, "down"), {
          removeVolumes: action.removeVolumes,
          callId,
        });
      } else {
        answer = await postJson<StepsAnswer>(stackApi(id, action.kind), {
          callId,
          ...(services ? { services } : {}),
        });
      }
      steps.finish(answer.steps);
      const failed = firstFailure(answer.steps);
      if (failed) setActionError(describeFailure(failed));
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(false);
      void refresh();
    }
  }

  if (!detail)
    return loadError ? (
      <ErrorMessage>{loadError}</ErrorMessage>
    ) : (
      <p className="text-sm text-slate-500">Loading the stack…</p>
    );

  const { row, project } = detail;
  const host = hosts[row.hostId] ?? { name: row.hostName, address: null };
  const deployed = (project?.services.length ?? 0) > 0;
  const stepsHere = (here: Tab | null) =>
    origin && origin.tab === here && steps.callId ? (
      <div className="space-y-2">
        {actionError ? <ErrorMessage>{actionError}</ErrorMessage> : null}
        <DeploySteps
          steps={steps.steps}
          running={busy}
          title={
            busy
              ? `${RUNNING_WORDS[origin.kind]} ${row.name}`
              : actionError
                ? `${RUNNING_WORDS[origin.kind]} ${row.name} failed`
                : `${DONE_WORDS[origin.kind]} ${row.name}`
          }
        />
      </div>
    ) : null;
  const tabs: { key: Tab; label: string }[] = [
    { key: "services", label: "Services" },
    { key: "editor", label: "Editor" },
    { key: "logs", label: "Logs" },
    ...(detail.git ? [{ key: "git" as const, label: "Git" }] : []),
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start gap-4">
        <div className="space-y-1">
          <p className="text-sm text-slate-500">
            <Link href="/stacks" className="hover:underline">
              Stacks
            </Link>{" "}
            / {row.hostName}
          </p>
          <h1 className="flex items-center gap-3 text-2xl font-semibold">
            <span data-testid="stack-name">{row.name}</span>
            <StackStateBadge state={row.state} />
          </h1>
          <p className="text-sm text-slate-600">
            {row.containers.running}/{row.containers.total} containers running · {row.services}{" "}
            service{row.services === 1 ? "" : "s"} · from {row.source}
            {row.lastDeploy ? (
              <>
                {" "}
                · last deploy{" "}
                <span className={row.lastDeploy.ok ? "" : "font-medium text-red-700"}>
                  {row.lastDeploy.ok ? "succeeded" : "failed"}
                </span>{" "}
                {formatRelative(row.lastDeploy.at)}
              </>
            ) : null}
          </p>
          {row.lastDeploy && !row.lastDeploy.ok && row.lastDeploy.error ? (
            <p className="text-sm text-red-700" data-testid="stack-last-error">
              {row.lastDeploy.error}
            </p>
          ) : null}
        </div>
        {detail.canDeploy ? (
          <div className="ml-auto">
            <StackActions
              name={row.name}
              deployed={deployed}
              busy={busy || !row.hostOnline}
              onRun={(action) => void run(action, null)}
            />
          </div>
        ) : null}
      </div>
      {!row.hostOnline ? (
        <p className="text-sm text-amber-700">
          {row.hostName} is offline; the state shown is the last known.
        </p>
      ) : null}
      {stepsHere(null)}

      <div className="flex gap-1 border-b border-slate-200" role="tablist" aria-label="Stack">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            aria-selected={tab === t.key}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab === t.key ? "border-sky-700 font-medium text-sky-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>

      {tab === "services" ? (
        <ServicesTab
          project={project}
          hostId={row.hostId}
          host={host}
          canDeploy={detail.canDeploy}
          busy={busy}
          onRestart={(service) => void run({ kind: "restart" }, "services", [service])}
        />
      ) : null}
      {tab === "services" ? stepsHere("services") : null}
      {tab === "editor" ? (
        <EditorTab
          key={row.id}
          detail={detail}
          busy={busy}
          onSaved={setDetail}
          onDeploy={() => void run({ kind: "deploy", options: DEFAULT_DEPLOY }, "editor")}
          steps={stepsHere("editor")}
        />
      ) : null}
      {tab === "logs" ? <LogsTab project={project} hostId={row.hostId} /> : null}
      {tab === "git" && detail.git ? (
        <GitTab
          detail={detail}
          git={detail.git}
          busy={busy}
          onSaved={setDetail}
          onRedeploy={() => void run({ kind: "deploy", options: DEFAULT_DEPLOY }, "git")}
          steps={stepsHere("git")}
        />
      ) : null}
    </div>
  );
}
