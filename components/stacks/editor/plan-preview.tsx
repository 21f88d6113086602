import type { ComposeProblem } from "@/lib/protocol";
import type { StackRefusal } from "../api";
import { sortActions, summariseActions } from "../plan-model";
import type { PlanState } from "./use-plan";

const ACTION_STYLES: Record<string, string> = {
  create: "text-emerald-700",
  recreate: "text-amber-700",
  remove: "text-red-700",
  build: "text-sky-700",
  pull: "text-sky-700",
  start: "text-emerald-700",
  keep: "text-slate-500",
};

/** Every problem of the files, each a button that puts the caret at its line and column. */
export function ProblemList({
  problems,
  onJump,
}: {
  problems: readonly ComposeProblem[];
  onJump: (problem: ComposeProblem) => void;
}) {
  if (problems.length === 0) return null;
  return (
    <section
      className="space-y-1 rounded-md border border-red-200 bg-red-50 p-3"
      data-testid="compose-problems"
    >
      <h3 className="text-sm font-semibold text-red-800">
        {problems.length} problem{problems.length === 1 ? "" : "s"} to fix before deploying
      </h3>
      <ul className="space-y-0.5 text-sm">
        {problems.map((p, i) => (
          <li key={`${p.file}:${p.line}:${p.column}:${i}`}>
            <button
              type="button"
              className="text-left text-red-800 hover:underline"
              data-testid="compose-problem"
              onClick={() => onJump(p)}
            >
              <span className="font-mono text-xs">
                {p.file}:{p.line}:{p.column}
              </span>{" "}
              {p.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The policy's refusals, grouped under the service each is about. */
export function RefusalList({ refusals }: { refusals: readonly StackRefusal[] }) {
  if (refusals.length === 0) return null;
  const services = [...new Set(refusals.map((r) => r.service))];
  return (
    <section
      className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3"
      data-testid="policy-refusals"
    >
      <h3 className="text-sm font-semibold text-red-800">
        This host&apos;s security policy refuses these settings
      </h3>
      {services.map((service) => (
        <div key={service} data-testid="policy-refusal" data-service={service}>
          <p className="text-sm font-medium text-red-900">{service}</p>
          <ul className="ml-4 list-disc text-sm text-red-800">
            {refusals
              .filter((r) => r.service === service)
              .map((r, i) => (
                <li key={`${r.field}:${i}`}>
                  <span className="font-mono text-xs">{r.field}</span>: {r.message}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** What deploying the files would do on the host now, as the last check answered. */
export function PlanPreview({ plan }: { plan: PlanState }) {
  const { answer, checking, error } = plan;
  return (
    <section className="space-y-2" data-testid="plan-preview" aria-live="polite">
      <div className="flex items-center gap-2 text-sm">
        <h3 className="font-semibold text-slate-800">Preview</h3>
        {checking ? (
          <span className="text-slate-500" data-testid="plan-checking">
            checking…
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="text-sm text-red-700" data-testid="plan-error">
          Could not check the files on the host: {error}
        </p>
      ) : null}
      {!answer && !error && !checking ? (
        <p className="text-sm text-slate-500">
          Choose a host and a name; the files are checked on the host as you type.
        </p>
      ) : null}
      {answer && answer.problems.length === 0 ? (
        <>
          <p className="text-sm text-slate-700" data-testid="plan-summary">
            {summariseActions(answer.actions)}
          </p>
          {answer.plan?.warnings.map((w, i) => (
            <p key={i} className="text-sm text-amber-700">
              {w}
            </p>
          ))}
          {answer.actions.length > 0 ? (
            <table className="w-full text-sm" data-testid="plan-actions">
              <thead className="text-left text-xs text-slate-500 uppercase">
                <tr>
                  <th className="py-1 pr-2">Action</th>
                  <th className="py-1 pr-2">Kind</th>
                  <th className="py-1 pr-2">Name</th>
                  <th className="py-1">Why</th>
                </tr>
              </thead>
              <tbody>
                {sortActions(answer.actions).map((a) => (
                  <tr
                    key={`${a.kind}:${a.target}:${a.action}`}
                    className="border-t border-slate-100"
                    data-testid="plan-action"
                    data-action={a.action}
                    data-target={a.target}
                  >
                    <td className={`py-1 pr-2 font-medium ${ACTION_STYLES[a.action] ?? ""}`}>
                      {a.action}
                    </td>
                    <td className="py-1 pr-2 text-slate-600">{a.kind}</td>
                    <td className="py-1 pr-2 font-mono text-xs">{a.target}</td>
                    <td className="py-1 text-slate-600">{a.reason ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
