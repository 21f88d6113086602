import type { ContainerDetail } from "@/lib/services/containers/get-container";
import { Card } from "@/components/ui/card";

const LEVEL_STYLES = {
  ok: "border-emerald-200 bg-emerald-50 text-emerald-900",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
  danger: "border-red-200 bg-red-50 text-red-900",
} as const;
const LEVEL_DOT = { ok: "bg-emerald-500", warn: "bg-amber-500", danger: "bg-red-600" } as const;

export function SecurityTab({ detail }: { detail: ContainerDetail }) {
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
