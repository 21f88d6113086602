import type { NetworkSummary } from "@/lib/protocol";

const FLAG_CLASS = "mr-1 inline-block rounded px-1.5 py-0.5 text-xs";

/** internal, attachable and IPv6 as small badges; a dash when none applies. */
export function NetworkFlags({
  network,
}: {
  network: Pick<NetworkSummary, "internal" | "attachable" | "enableIPv6">;
}) {
  const flags = [
    network.internal ? ["internal", "bg-amber-100 text-amber-800"] : null,
    network.attachable ? ["attachable", "bg-sky-100 text-sky-800"] : null,
    network.enableIPv6 ? ["IPv6", "bg-violet-100 text-violet-800"] : null,
  ].filter((f) => f !== null);
  if (flags.length === 0) return <span className="text-slate-400">—</span>;
  return flags.map(([label, colour]) => (
    <span key={label} className={`${FLAG_CLASS} ${colour}`}>
      {label}
    </span>
  ));
}
