"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import type { MaskedEnv } from "@/lib/containers/secret-env";
import type { PublishedPort } from "@/lib/protocol";
import type { ContainerDetail } from "@/lib/services/containers/get-container";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { api, ApiError, errorText, postJson } from "@/components/ui/api-client";
import { containerPath } from "./urls";
import { formatDateTime, formatRelative } from "./format";
import { ContainerStatsChart } from "@/components/charts/container-stats-chart";
import { LogViewer } from "@/components/logs/log-viewer";
import { ExecTerminal } from "@/components/terminal/exec-terminal";
import { JsonTree } from "./json-tree";
import { useContainerFeed } from "./live";
import { PortLink, uniquePorts } from "./ports";
import { HealthText, StateBadge } from "./state-badge";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : "";

const TABS = [
  ["summary", "Summary"],
  ["logs", "Logs"],
  ["terminal", "Terminal"],
  ["stats", "Stats"],
  ["ports", "Ports"],
  ["mounts", "Mounts"],
  ["networks", "Networks"],
  ["env", "Environment"],
  ["labels", "Labels"],
  ["security", "Security"],
  ["processes", "Processes"],
  ["changes", "Filesystem changes"],
  ["inspect", "Inspect"],
] as const;
type Tab = (typeof TABS)[number][0];

type DialogKind = "stop" | "restart" | "kill" | "rename" | "remove" | "commit" | null;

/** Every port the container exposes, published or not, from inspect. */
function portsFromInspect(inspect: Json): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(obj(obj(inspect.NetworkSettings).Ports))) {
    const [port, type = "tcp"] = key.split("/");
    const privatePort = Number(port);
    if (!Number.isInteger(privatePort)) continue;
    const list = arr(bindings);
    if (list.length === 0) out.push({ privatePort, type });
    for (const b of list) {
      const binding = obj(b);
      const publicPort = Number(str(binding.HostPort));
      out.push({
        ...(str(binding.HostIp) ? { ip: str(binding.HostIp) } : {}),
        privatePort,
        ...(publicPort > 0 ? { publicPort } : {}),
        type,
      });
    }
  }
  return out;
}

export function ContainerDetails({ hostId, id }: { hostId: string; id: string }) {
  const router = useRouter();
  const [detail, setDetail] = useState<ContainerDetail | null>(null);
  const [loadError, setLoadError] = useState<ApiError | Error | null>(null);
  const [gone, setGone] = useState(false);
  const [tab, setTab] = useState<Tab>("summary");
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const base = containerPath(hostId, id);

  const seen = useRef(false);
  const load = useCallback(async () => {
    try {
      const { container } = await api<{ container: ContainerDetail }>(base);
      seen.current = true;
      setDetail(container);
      setLoadError(null);
    } catch (err) {
      // A container that was here and now is not was removed; say so instead of erroring.
      if (err instanceof ApiError && err.status === 404 && seen.current) setGone(true);
      else setLoadError(err instanceof Error ? err : new Error(errorText(err)));
    }
  }, [base]);

  useEffect(() => {
    void load();
  }, [load]);

  // Warnings the engine gave when this container was created (handed over by the run form).
  useEffect(() => {
    try {
      const key = `berth.run-warnings.${id}`;
      const saved = sessionStorage.getItem(key);
      if (saved) {
        sessionStorage.removeItem(key);
        setWarnings(JSON.parse(saved) as string[]);
      }
    } catch {
      // no storage: nothing to show
    }
  }, [id]);

  // Live state: patch the header at once, reload the rest shortly after.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reloadSoon = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), 300);
  }, [load]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useContainerFeed({
    onChange: (changedHost, change) => {
      if (changedHost !== hostId) return;
      if (change === null) {
        reloadSoon();
        return;
      }
      const fullId = detail?.summary.id ?? id;
      if (change.kind === "remove") {
        if (change.id === fullId || change.id.startsWith(id)) setGone(true);
        return;
      }
      if (change.container.id !== fullId && !change.container.id.startsWith(id)) return;
      setGone(false);
      setDetail((d) =>
        d
          ? {
              ...d,
              summary: {
                ...d.summary,
                ...change.container,
                cpuPercent: change.container.cpuPercent ?? d.summary.cpuPercent,
                memoryBytes: change.container.memoryBytes ?? d.summary.memoryBytes,
              },
            }
          : d,
      );
      reloadSoon();
    },
    onStats: (statsHost, items) => {
      if (statsHost !== hostId || !detail) return;
      const stat = items.find((s) => s.id === detail.summary.id);
      if (!stat) return;
      setDetail((d) => (d ? { ...d, summary: { ...d.summary, ...stat } } : d));
    },
    onHostStatus: (status) => {
      if (status.hostId !== hostId) return;
      setDetail((d) => (d ? { ...d, summary: { ...d.summary, hostOnline: status.online } } : d));
      if (status.online) reloadSoon();
    },
    onReconnect: reloadSoon,
  });

  const act = async (action: string, body: unknown = {}): Promise<unknown> => {
    setBusy(action);
    setActionError(null);
    try {
      const result = await postJson<unknown>(`${base}/${action}`, body);
      if (action === "remove") {
        router.push("/containers");
        return result;
      }
      setDialog(null);
      await load();
      return result;
    } catch (err) {
      setActionError(errorText(err));
      throw err;
    } finally {
      setBusy(null);
    }
  };

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
  const config = obj(inspect.Config);
  const canOperate = roleAllows(role, "container.operate");
  const canDeploy = roleAllows(role, "container.create");
  const running = summary.state === "running";
  const paused = summary.state === "paused";
  const ref = `${hostId}/${summary.id || id}`;

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
                href={`/containers/new?from=${encodeURIComponent(ref)}`}
                testId="action-duplicate"
              >
                Duplicate
              </LinkButton>
              <LinkButton
                href={`/containers/new?edit=${encodeURIComponent(ref)}`}
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
      )}
      {actionError && dialog === null ? <ErrorMessage>{actionError}</ErrorMessage> : null}
      {loadError && detail ? (
        <ErrorMessage>Could not refresh: {loadError.message}</ErrorMessage>
      ) : null}
      {warnings.length > 0 ? (
        <div
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="run-warnings"
        >
          <p className="font-medium">The engine warned when creating this container:</p>
          <ul className="list-disc pl-5">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="flex flex-wrap gap-1 border-b border-slate-200" role="tablist">
        {TABS.filter(([key]) => key !== "terminal" || roleAllows(role, "container.exec")).map(
          ([key, label]) => (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={tab === key}
              data-testid={`tab-${key}`}
              onClick={() => setTab(key)}
              className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab === key ? "border-sky-600 font-medium text-sky-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {label}
            </button>
          ),
        )}
      </div>

      <div role="tabpanel">
        {tab === "summary" ? <SummaryTab detail={detail} /> : null}
        {tab === "logs" ? (
          <LogViewer sources={[{ hostId, containerId: summary.id || id, name: summary.name }]} />
        ) : null}
        {tab === "terminal" && roleAllows(role, "container.exec") ? (
          <ExecTerminal hostId={hostId} containerId={summary.id || id} running={running} />
        ) : null}
        {tab === "stats" ? (
          <ContainerStatsChart hostId={hostId} containerId={summary.id || id} />
        ) : null}
        {tab === "ports" ? (
          <Card title="Ports">
            <PortsList
              ports={portsFromInspect(inspect)}
              hostAddress={summary.hostAddress}
              hostName={summary.hostName}
            />
          </Card>
        ) : null}
        {tab === "mounts" ? <MountsTab inspect={inspect} /> : null}
        {tab === "networks" ? <NetworksTab inspect={inspect} /> : null}
        {tab === "env" ? (
          <EnvTab base={base} env={detail.env} canReveal={roleAllows(role, "container.secrets")} />
        ) : null}
        {tab === "labels" ? (
          <Card title="Labels">
            <KeyValueTable
              rows={Object.entries(obj(config.Labels)).map(([k, v]) => [k, str(v)])}
              empty="No labels."
              testId="labels-table"
            />
          </Card>
        ) : null}
        {tab === "security" ? <SecurityTab detail={detail} /> : null}
        {tab === "processes" ? <ProcessesTab base={base} running={running || paused} /> : null}
        {tab === "changes" ? <ChangesTab base={base} /> : null}
        {tab === "inspect" ? <InspectTab inspect={inspect} /> : null}
      </div>

      {dialog === "stop" || dialog === "restart" ? (
        <TimeoutDialog
          action={dialog}
          name={summary.name}
          busy={busy !== null}
          error={actionError}
          onClose={() => {
            setDialog(null);
            setActionError(null);
          }}
          onConfirm={(timeoutSeconds) =>
            void act(dialog, timeoutSeconds === undefined ? {} : { timeoutSeconds }).catch(
              () => undefined,
            )
          }
        />
      ) : null}
      {dialog === "kill" ? (
        <SimpleDialog
          title={`Kill ${summary.name}?`}
          fieldId="signal"
          fieldLabel="Signal"
          initial="SIGKILL"
          confirm="Kill"
          danger
          busy={busy !== null}
          error={actionError}
          onClose={() => {
            setDialog(null);
            setActionError(null);
          }}
          onConfirm={(signal) =>
            void act("kill", signal.trim() ? { signal: signal.trim() } : {}).catch(() => undefined)
          }
        />
      ) : null}
      {dialog === "rename" ? (
        <SimpleDialog
          title={`Rename ${summary.name}`}
          fieldId="rename-name"
          fieldLabel="New name"
          initial={summary.name}
          confirm="Rename"
          busy={busy !== null}
          error={actionError}
          onClose={() => {
            setDialog(null);
            setActionError(null);
          }}
          onConfirm={(name) => void act("rename", { name: name.trim() }).catch(() => undefined)}
        />
      ) : null}
      {dialog === "remove" ? (
        <RemoveDialog
          name={summary.name}
          running={running || paused}
          busy={busy !== null}
          error={actionError}
          onClose={() => {
            setDialog(null);
            setActionError(null);
          }}
          onConfirm={(force, removeVolumes) =>
            void act("remove", { force, removeVolumes }).catch(() => undefined)
          }
        />
      ) : null}
      {dialog === "commit" ? (
        <CommitDialog base={base} image={summary.image} onClose={() => setDialog(null)} />
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

function Facts({ rows }: { rows: Array<[string, React.ReactNode]> }) {
  return (
    <dl
      className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2"
      data-testid="container-facts"
    >
      {rows.map(([label, value]) => (
        <div key={label} className="flex justify-between gap-4 border-b border-slate-100 py-1.5">
          <dt className="shrink-0 text-slate-500">{label}</dt>
          <dd className="min-w-0 break-all text-right font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function SummaryTab({ detail }: { detail: ContainerDetail }) {
  const { summary, inspect } = detail;
  const state = obj(inspect.State);
  const config = obj(inspect.Config);
  const health = obj(state.Health);
  const log = arr(health.Log).map(obj);
  const command = [str(inspect.Path), ...arr(inspect.Args).map(str)].filter(Boolean);
  const started = str(state.StartedAt);
  const finished = str(state.FinishedAt);
  const rows: Array<[string, React.ReactNode]> = [
    [
      "Image",
      <span key="i" className="font-mono text-xs">
        {str(config.Image) || summary.image}
      </span>,
    ],
    [
      "Image id",
      <span key="ii" className="font-mono text-xs">
        {(summary.imageId || str(inspect.Image)).replace(/^sha256:/, "").slice(0, 12)}
      </span>,
    ],
    [
      "Command",
      <span key="c" className="font-mono text-xs">
        {command.join(" ") || summary.command || "—"}
      </span>,
    ],
    [
      "Container id",
      <span key="id" className="font-mono text-xs">
        {summary.id.slice(0, 12)}
      </span>,
    ],
    [
      "Created",
      `${formatDateTime(str(inspect.Created) || summary.createdAt)} (${formatRelative(str(inspect.Created) || summary.createdAt)})`,
    ],
    ["Started", formatDateTime(started)],
    ["Finished", summary.state === "running" ? "—" : formatDateTime(finished)],
    ["Status", summary.status || str(state.Status) || "—"],
    ["Restart count", str(inspect.RestartCount) || "0"],
    ["Exit code", summary.state === "running" ? "—" : str(state.ExitCode) || "—"],
    ["Restart policy", str(obj(obj(inspect.HostConfig).RestartPolicy).Name) || "no"],
    ["Health", <HealthText key="h" health={summary.health} />],
  ];
  if (str(state.Error)) rows.push(["Error", str(state.Error)]);
  return (
    <div className="space-y-4">
      <Card title="Summary">
        <Facts rows={rows} />
      </Card>
      {log.length > 0 ? (
        <Card title={`Health log (failing streak: ${str(health.FailingStreak) || "0"})`}>
          <ul className="space-y-2 text-sm" data-testid="health-log">
            {log
              .slice()
              .reverse()
              .map((entry, i) => (
                <li key={i} className="rounded-md border border-slate-100 p-2">
                  <div className="flex items-center gap-3 text-xs text-slate-500">
                    <span>{formatDateTime(str(entry.Start))}</span>
                    <span
                      className={
                        Number(entry.ExitCode) === 0
                          ? "text-emerald-700"
                          : "font-medium text-red-700"
                      }
                    >
                      exit {str(entry.ExitCode)}
                    </span>
                  </div>
                  {str(entry.Output) ? (
                    <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap font-[family-name:var(--font-geist-mono)] text-xs text-slate-700">
                      {str(entry.Output)}
                    </pre>
                  ) : null}
                </li>
              ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

function PortsList({
  ports,
  hostAddress,
  hostName,
}: {
  ports: PublishedPort[];
  hostAddress: string | null;
  hostName: string;
}) {
  const unique = uniquePorts(ports);
  if (unique.length === 0) return <p className="text-sm text-slate-500">No ports exposed.</p>;
  return (
    <ul className="space-y-1" data-testid="ports-list">
      {unique.map((p) => (
        <li
          key={`${p.ip}|${p.publicPort}|${p.privatePort}|${p.type}`}
          className="flex items-center gap-3 text-sm"
        >
          <PortLink port={p} hostAddress={hostAddress} hostName={hostName} />
          {p.publicPort === undefined ? (
            <span className="text-xs text-slate-400">not published</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Table({
  head,
  rows,
  empty,
  testId,
}: {
  head: string[];
  rows: React.ReactNode[][];
  empty: string;
  testId?: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {head.map((h) => (
              <th key={h} className="px-2 py-1.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((c, j) => (
                <td key={j} className="break-all px-2 py-1.5 align-top">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function KeyValueTable({
  rows,
  empty,
  testId,
}: {
  rows: [string, string][];
  empty: string;
  testId?: string;
}) {
  return (
    <Table
      head={["Name", "Value"]}
      rows={rows.map(([k, v]) => [
        <span key="k" className="font-mono text-xs">
          {k}
        </span>,
        <span key="v" className="font-mono text-xs">
          {v}
        </span>,
      ])}
      empty={empty}
      testId={testId}
    />
  );
}

function MountsTab({ inspect }: { inspect: Json }) {
  const mounts = arr(inspect.Mounts).map(obj);
  return (
    <Card title="Mounts">
      <Table
        head={["Type", "Source", "Destination", "Mode"]}
        rows={mounts.map((m) => [
          str(m.Type),
          <span key="s" className="font-mono text-xs">
            {str(m.Name) || str(m.Source)}
          </span>,
          <span key="d" className="font-mono text-xs">
            {str(m.Destination)}
          </span>,
          m.RW === false ? "read-only" : "read-write",
        ])}
        empty="No mounts."
        testId="mounts-table"
      />
    </Card>
  );
}

function NetworksTab({ inspect }: { inspect: Json }) {
  const settings = obj(inspect.NetworkSettings);
  const networks = Object.entries(obj(settings.Networks)).map(
    ([name, v]) => [name, obj(v)] as const,
  );
  return (
    <Card title={`Networks (mode: ${str(obj(inspect.HostConfig).NetworkMode) || "default"})`}>
      <Table
        head={["Network", "IP address", "Gateway", "MAC", "Aliases"]}
        rows={networks.map(([name, n]) => [
          <span key="n" className="font-medium">
            {name}
          </span>,
          <span key="ip" className="font-mono text-xs">
            {[str(n.IPAddress), str(n.GlobalIPv6Address)].filter(Boolean).join(", ") || "—"}
          </span>,
          <span key="g" className="font-mono text-xs">
            {str(n.Gateway) || "—"}
          </span>,
          <span key="m" className="font-mono text-xs">
            {str(n.MacAddress) || "—"}
          </span>,
          arr(n.Aliases).map(str).join(", ") || "—",
        ])}
        empty="Not attached to any network."
        testId="networks-table"
      />
    </Card>
  );
}

function EnvTab({ base, env, canReveal }: { base: string; env: MaskedEnv[]; canReveal: boolean }) {
  const [revealed, setRevealed] = useState<MaskedEnv[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = revealed ?? env;
  const hasSecrets = env.some((e) => e.secret);
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setRevealed((await api<{ env: MaskedEnv[] }>(`${base}/env?reveal=1`)).env);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title="Environment"
      actions={
        hasSecrets && canReveal ? (
          revealed ? (
            <Button variant="secondary" onClick={() => setRevealed(null)} data-testid="env-hide">
              Hide secrets
            </Button>
          ) : (
            <Button
              variant="secondary"
              onClick={() => void reveal()}
              disabled={busy}
              data-testid="env-reveal"
            >
              {busy ? "Revealing…" : "Reveal secrets"}
            </Button>
          )
        ) : null
      }
    >
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <Table
        head={["Name", "Value"]}
        rows={shown.map((e) => [
          <span key="n" className="font-mono text-xs">
            {e.name}
            {e.secret ? (
              <span className="ml-2 rounded bg-amber-100 px-1 text-[10px] font-medium text-amber-800">
                secret
              </span>
            ) : null}
          </span>,
          <span key="v" className="font-mono text-xs" data-testid="env-value">
            {e.value ?? "••••••"}
          </span>,
        ])}
        empty="No environment variables."
        testId="env-table"
      />
      {hasSecrets && !canReveal ? (
        <p className="mt-2 text-xs text-slate-500">
          Secret values stay hidden: revealing them needs the operator role.
        </p>
      ) : null}
    </Card>
  );
}

const LEVEL_STYLES = {
  ok: "border-emerald-200 bg-emerald-50 text-emerald-900",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
  danger: "border-red-200 bg-red-50 text-red-900",
} as const;
const LEVEL_DOT = { ok: "bg-emerald-500", warn: "bg-amber-500", danger: "bg-red-600" } as const;

function SecurityTab({ detail }: { detail: ContainerDetail }) {
  const items = detail.security.items;
  return (
    <Card title="Security summary">
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing to report.</p>
      ) : (
        <ul className="space-y-2" data-testid="security-items">
          {items.map((item) => (
            <li
              key={item.key}
              data-level={item.level}
              data-testid="security-item"
              className={`flex items-start gap-3 rounded-md border px-3 py-2 text-sm ${LEVEL_STYLES[item.level] ?? LEVEL_STYLES.warn}`}
            >
              <span
                className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${LEVEL_DOT[item.level] ?? LEVEL_DOT.warn}`}
              />
              <span>
                <span className="font-medium">{item.label}</span>
                <span className="block text-xs opacity-90">{item.detail}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function useLoad<T>(url: string, enabled: boolean) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setData(await api<T>(url));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoading(false);
    }
  }, [url]);
  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load]);
  return { data, error, loading, load };
}

function ProcessesTab({ base, running }: { base: string; running: boolean }) {
  const { data, error, loading, load } = useLoad<{ titles: string[]; processes: string[][] }>(
    `${base}/top`,
    running,
  );
  return (
    <Card
      title="Processes"
      actions={
        running ? (
          <Button
            variant="secondary"
            onClick={() => void load()}
            disabled={loading}
            data-testid="processes-refresh"
          >
            {loading ? "Loading…" : "Refresh"}
          </Button>
        ) : null
      }
    >
      {!running ? <p className="text-sm text-slate-500">The container is not running.</p> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {running && data ? (
        <Table
          head={data.titles}
          rows={data.processes.map((p) =>
            p.map((c, i) => (
              <span key={i} className="font-mono text-xs">
                {c}
              </span>
            )),
          )}
          empty="No processes."
          testId="processes-table"
        />
      ) : null}
    </Card>
  );
}

const KIND_STYLES = {
  added: "text-emerald-700",
  modified: "text-amber-700",
  deleted: "text-red-700",
} as const;
const KIND_MARK = { added: "A", modified: "C", deleted: "D" } as const;

function ChangesTab({ base }: { base: string }) {
  const { data, error, loading, load } = useLoad<{
    changes: { path: string; kind: "modified" | "added" | "deleted" }[];
  }>(`${base}/diff`, true);
  return (
    <Card
      title={data ? `Filesystem changes (${data.changes.length})` : "Filesystem changes"}
      actions={
        <Button
          variant="secondary"
          onClick={() => void load()}
          disabled={loading}
          data-testid="changes-refresh"
        >
          {loading ? "Loading…" : "Refresh"}
        </Button>
      }
    >
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {data ? (
        data.changes.length === 0 ? (
          <p className="text-sm text-slate-500">No changes to the image’s filesystem.</p>
        ) : (
          <ul
            className="max-h-[60vh] overflow-auto font-[family-name:var(--font-geist-mono)] text-xs"
            data-testid="changes-list"
          >
            {data.changes.map((c) => (
              <li key={`${c.kind}:${c.path}`} className="flex gap-3 py-0.5">
                <span className={`w-3 font-bold ${KIND_STYLES[c.kind]}`} title={c.kind}>
                  {KIND_MARK[c.kind]}
                </span>
                <span className="break-all">{c.path}</span>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </Card>
  );
}

function InspectTab({ inspect }: { inspect: Json }) {
  const [copied, setCopied] = useState(false);
  const text = JSON.stringify(inspect, null, 2);
  return (
    <Card
      title="Inspect"
      actions={
        <Button
          variant="secondary"
          data-testid="inspect-copy"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? "Copied" : "Copy JSON"}
        </Button>
      }
    >
      <p className="mb-2 text-xs text-slate-500">Secret-looking environment values are masked.</p>
      <JsonTree value={inspect} />
    </Card>
  );
}

function TimeoutDialog({
  action,
  name,
  busy,
  error,
  onClose,
  onConfirm,
}: {
  action: "stop" | "restart";
  name: string;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: (timeoutSeconds: number | undefined) => void;
}) {
  const [timeout, setTimeoutText] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const verb = action === "stop" ? "Stop" : "Restart";
  return (
    <Dialog title={`${verb} ${name}?`} onClose={onClose} busy={busy} testId={`${action}-dialog`}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const t = timeout.trim();
          if (t && (!/^\d+$/.test(t) || Number(t) > 3600)) {
            setFieldError("Give whole seconds from 0 to 3600.");
            return;
          }
          onConfirm(t ? Number(t) : undefined);
        }}
      >
        <Field
          id="timeoutSeconds"
          label="Seconds to wait before killing (empty: the container’s default, usually 10)"
          inputMode="numeric"
          value={timeout}
          error={fieldError}
          onChange={(e) => setTimeoutText(e.target.value)}
        />
        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={busy} autoFocus data-testid={`${action}-confirm`}>
            {busy ? (action === "stop" ? "Stopping…" : "Restarting…") : verb}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function SimpleDialog({
  title,
  fieldId,
  fieldLabel,
  initial,
  confirm,
  danger = false,
  busy,
  error,
  onClose,
  onConfirm,
}: {
  title: string;
  fieldId: string;
  fieldLabel: string;
  initial: string;
  confirm: string;
  danger?: boolean;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: (value: string) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <Dialog title={title} onClose={onClose} busy={busy} testId={`${fieldId}-dialog`}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(value);
        }}
      >
        <Field
          id={fieldId}
          label={fieldLabel}
          value={value}
          autoFocus
          error={error ?? undefined}
          onChange={(e) => setValue(e.target.value)}
        />
        <div className="flex gap-2">
          <Button
            type="submit"
            variant={danger ? "danger" : "primary"}
            disabled={busy}
            data-testid={`${fieldId}-confirm`}
          >
            {busy ? "Working…" : confirm}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function RemoveDialog({
  name,
  running,
  busy,
  error,
  onClose,
  onConfirm,
}: {
  name: string;
  running: boolean;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: (force: boolean, removeVolumes: boolean) => void;
}) {
  const [force, setForce] = useState(running);
  const [removeVolumes, setRemoveVolumes] = useState(false);
  return (
    <Dialog title={`Remove ${name}?`} onClose={onClose} busy={busy} testId="remove-dialog">
      <p className="text-sm text-slate-600">
        The container and its writable layer are deleted. This cannot be undone.
      </p>
      <Checkbox
        id="remove-force"
        label="Force: stop it first if it is running"
        checked={force}
        onChange={(e) => setForce(e.target.checked)}
      />
      <Checkbox
        id="remove-volumes"
        label="Also remove its anonymous volumes"
        hint="Named volumes are kept either way."
        checked={removeVolumes}
        onChange={(e) => setRemoveVolumes(e.target.checked)}
      />
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <div className="flex gap-2">
        <Button
          variant="danger"
          disabled={busy}
          onClick={() => onConfirm(force, removeVolumes)}
          data-testid="remove-confirm"
        >
          {busy ? "Removing…" : "Remove"}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
      </div>
    </Dialog>
  );
}

function CommitDialog({
  base,
  image,
  onClose,
}: {
  base: string;
  image: string;
  onClose: () => void;
}) {
  const [repository, setRepository] = useState(
    image.split("@")[0]!.replace(/:[^/:]+$/, "") + "-snapshot",
  );
  const [tag, setTag] = useState("latest");
  const [comment, setComment] = useState("");
  const [author, setAuthor] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [imageId, setImageId] = useState<string | null>(null);
  const fieldError = (field: string) =>
    error instanceof ApiError && error.field === field ? error.message : undefined;
  return (
    <Dialog title="Commit to an image" onClose={onClose} busy={busy} testId="commit-dialog">
      {imageId ? (
        <div className="space-y-3">
          <p className="text-sm text-emerald-800" data-testid="commit-result">
            Saved as {repository}:{tag || "latest"} ({imageId.replace(/^sha256:/, "").slice(0, 12)}
            ).
          </p>
          <Button onClick={onClose}>Done</Button>
        </div>
      ) : (
        <form
          className="space-y-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            try {
              const result = await postJson<{ imageId: string }>(`${base}/commit`, {
                repository: repository.trim(),
                ...(tag.trim() ? { tag: tag.trim() } : {}),
                ...(comment.trim() ? { comment: comment.trim() } : {}),
                ...(author.trim() ? { author: author.trim() } : {}),
              });
              setImageId(result.imageId);
            } catch (err) {
              setError(err instanceof Error ? err : new Error(errorText(err)));
            } finally {
              setBusy(false);
            }
          }}
        >
          <p className="text-sm text-slate-600">
            The container is paused while its filesystem is saved.
          </p>
          <Field
            id="repository"
            label="Repository"
            value={repository}
            error={fieldError("repository")}
            onChange={(e) => setRepository(e.target.value)}
            autoFocus
          />
          <Field
            id="tag"
            label="Tag"
            value={tag}
            error={fieldError("tag")}
            onChange={(e) => setTag(e.target.value)}
          />
          <Field
            id="comment"
            label="Comment (optional)"
            value={comment}
            error={fieldError("comment")}
            onChange={(e) => setComment(e.target.value)}
          />
          <Field
            id="author"
            label="Author (optional)"
            value={author}
            error={fieldError("author")}
            onChange={(e) => setAuthor(e.target.value)}
          />
          {error && !(error instanceof ApiError && error.field) ? (
            <ErrorMessage>{error.message}</ErrorMessage>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={busy} data-testid="commit-confirm">
              {busy ? "Committing…" : "Commit"}
            </Button>
            <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
