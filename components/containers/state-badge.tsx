import type { ContainerState, Health } from "@/lib/protocol";

const STATE_STYLES: Record<ContainerState, string> = {
  running: "bg-emerald-100 text-emerald-800",
  paused: "bg-amber-100 text-amber-800",
  restarting: "bg-sky-100 text-sky-800",
  created: "bg-slate-100 text-slate-700",
  removing: "bg-orange-100 text-orange-800",
  exited: "bg-slate-200 text-slate-600",
  dead: "bg-red-100 text-red-800",
};

const DOT_STYLES: Record<ContainerState, string> = {
  running: "bg-emerald-500",
  paused: "bg-amber-500",
  restarting: "bg-sky-500 animate-pulse",
  created: "bg-slate-400",
  removing: "bg-orange-500 animate-pulse",
  exited: "bg-slate-400",
  dead: "bg-red-500",
};

export function StateBadge({ state }: { state: ContainerState }) {
  return (
    <span
      data-testid="container-state"
      data-state={state}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${STATE_STYLES[state] ?? STATE_STYLES.created}`}
    >
      <span className={`h-2 w-2 rounded-full ${DOT_STYLES[state] ?? DOT_STYLES.created}`} />
      {state}
    </span>
  );
}

const HEALTH_STYLES: Record<Health, string> = {
  healthy: "text-emerald-700",
  unhealthy: "text-red-700 font-medium",
  starting: "text-amber-700",
  none: "text-slate-400",
};

export function HealthText({ health }: { health: Health }) {
  return (
    <span data-testid="container-health" className={`text-xs ${HEALTH_STYLES[health] ?? ""}`}>
      {health === "none" ? "—" : health}
    </span>
  );
}
