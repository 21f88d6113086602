import type { ComposeStep } from "@/lib/protocol";
import { stepKey } from "./steps-model";

function StateMark({ state }: { state: ComposeStep["state"] }) {
  if (state === "running")
    return (
      <span
        className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-sky-700 border-t-transparent"
        aria-label="running"
      />
    );
  return state === "done" ? (
    <span className="text-emerald-700" aria-label="done">
      ✓
    </span>
  ) : (
    <span className="font-bold text-red-700" aria-label="failed">
      ✕
    </span>
  );
}

/**
 * One row per engine object a compose call touches, with what it is doing and how it went; a
 * failed row says which service and why.
 */
export function DeploySteps({
  steps,
  title,
  running,
}: {
  steps: readonly ComposeStep[];
  title: string;
  /** The call has not answered yet. */
  running: boolean;
}) {
  return (
    <section
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="deploy-steps"
      aria-live="polite"
    >
      <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-800">
        {running ? (
          <span className="h-3 w-3 animate-spin rounded-full border-2 border-sky-700 border-t-transparent" />
        ) : null}
        {title}
      </h3>
      {steps.length === 0 ? (
        <p className="text-sm text-slate-500">{running ? "Waiting for the host…" : "No steps."}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {steps.map((step) => (
            <li
              key={stepKey(step)}
              className="grid grid-cols-[1.25rem_5rem_minmax(0,14rem)_1fr] items-start gap-2 py-1.5"
              data-testid="deploy-step"
              data-state={step.state}
              data-target={step.target}
            >
              <StateMark state={step.state} />
              <span className="text-xs text-slate-500">{step.kind}</span>
              <span className="truncate font-mono text-xs" title={step.target}>
                {step.target}
              </span>
              <span className={step.state === "failed" ? "text-red-800" : "text-slate-700"}>
                {step.action}
                {step.message ? (
                  <span
                    className={`block text-xs break-words whitespace-pre-wrap ${step.state === "failed" ? "text-red-700" : "text-slate-500"}`}
                  >
                    {step.message}
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
