import type { ImageLayer } from "@/lib/protocol";
import { formatBytes } from "@/components/ui/format";

/** Dockerfile instruction of a history entry: the engine prefixes RUNs with a shell. */
export function instructionOf(createdBy: string): string {
  return createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, "")
    .replace(/^\/bin\/sh -c /, "RUN ")
    .trim();
}

/** `docker history` as a table: what each layer ran and how much it added, largest marked. */
export function LayerHistory({ layers }: { layers: ImageLayer[] }) {
  const largest = Math.max(1, ...layers.map((l) => l.size));
  const total = layers.reduce((sum, l) => sum + l.size, 0);
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        {layers.length} history entries, {layers.filter((l) => l.size > 0).length} adding data ·{" "}
        {formatBytes(total)} in all. Newest first.
      </p>
      <table className="w-full text-sm" data-testid="layer-history">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1 pr-3">Instruction</th>
            <th className="w-56 py-1 pr-3">Size</th>
          </tr>
        </thead>
        <tbody>
          {layers.map((layer, i) => (
            <tr key={i} className="border-t border-slate-100 align-top" data-testid="layer-row">
              <td className="py-1.5 pr-3">
                <code className="break-all font-mono text-xs text-slate-800">
                  {instructionOf(layer.createdBy) || "(no instruction recorded)"}
                </code>
              </td>
              <td className="py-1.5 pr-3">
                <div className="flex items-center gap-2">
                  <span className="h-2 w-32 overflow-hidden rounded-full bg-slate-100">
                    <span
                      className={`block h-full rounded-full ${layer.size === largest && layer.size > 0 ? "bg-amber-500" : "bg-sky-600"}`}
                      style={{ width: `${(layer.size / largest) * 100}%` }}
                    />
                  </span>
                  <span className="tabular-nums text-slate-700">{formatBytes(layer.size)}</span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
