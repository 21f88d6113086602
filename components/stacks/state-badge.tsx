import type { StackState } from "@/lib/services/stacks/stack-row";

const STYLES: Record<StackState, string> = {
  running: "bg-emerald-100 text-emerald-800",
  partial: "bg-amber-100 text-amber-800",
  stopped: "bg-slate-200 text-slate-700",
  "not deployed": "bg-slate-100 text-slate-600",
  unknown: "bg-slate-100 text-slate-500",
};

const DOTS: Record<StackState, string> = {
  running: "bg-emerald-500",
  partial: "bg-amber-500",
  stopped: "bg-slate-400",
  "not deployed": "bg-slate-300",
  unknown: "bg-slate-300",
};

export function StackStateBadge({ state }: { state: StackState }) {
  return (
    <span
      data-testid="stack-state"
      data-state={state}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[state]}`}
    >
      <span className={`h-2 w-2 rounded-full ${DOTS[state]}`} />
      {state === "unknown" ? "host offline" : state}
    </span>
  );
}
