import type { ReactNode } from "react";
import type { ContainerDetail } from "@/lib/services/containers/get-container";
import { Card } from "@/components/ui/card";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import { HealthText } from "../../state-badge";
import { arr, obj, str } from "../inspect-values";

function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
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

export function SummaryTab({ detail }: { detail: ContainerDetail }) {
  const { summary, inspect } = detail;
  const state = obj(inspect.State);
  const config = obj(inspect.Config);
  const health = obj(state.Health);
  const log = arr(health.Log).map(obj);
  const command = [str(inspect.Path), ...arr(inspect.Args).map(str)].filter(Boolean);
  const started = str(state.StartedAt);
  const finished = str(state.FinishedAt);
  const rows: Array<[string, ReactNode]> = [
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
