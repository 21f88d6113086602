import type { AlertSeverity } from "@/lib/protocol";
import { SEVERITY_WORDS } from "./alert-words";

const STYLES: Record<AlertSeverity, string> = {
  info: "bg-sky-50 text-sky-800 border-sky-200",
  warning: "bg-amber-50 text-amber-900 border-amber-200",
  critical: "bg-red-50 text-red-800 border-red-200",
};

/** A severity as an icon and its word. */
export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  const { word, icon } = SEVERITY_WORDS[severity];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium ${STYLES[severity]}`}
      data-severity={severity}
    >
      <span aria-hidden="true">{icon}</span>
      {word}
    </span>
  );
}
