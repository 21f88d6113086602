export function StatusBadge({ online }: { online: boolean }) {
  return (
    <span
      data-testid="host-status"
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${online ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-600"}`}
    >
      <span className={`h-2 w-2 rounded-full ${online ? "bg-emerald-500" : "bg-slate-400"}`} />
      {online ? "online" : "offline"}
    </span>
  );
}
