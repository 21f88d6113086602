"use client";

import type { ContainerChanges } from "@/lib/services/containers/get-container-changes";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useLoad } from "../use-load";

const KIND_STYLES = {
  added: "text-emerald-700",
  modified: "text-amber-700",
  deleted: "text-red-700",
} as const;
const KIND_MARK = { added: "A", modified: "C", deleted: "D" } as const;

export function ChangesTab({ base }: { base: string }) {
  const { data, error, loading, load } = useLoad<ContainerChanges>(`${base}/diff`, true);
  return (
    <Card
      title={data ? `Filesystem changes (${data.changes.length})` : "Filesystem changes"}
      actions={
        <Button
          variant="secondary"
          onClick={() => void load()}
          disabled={loading}
          data-testid="changes-refresh"
        >
          {loading ? "Loading…" : "Refresh"}
        </Button>
      }
    >
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {data ? (
        data.changes.length === 0 ? (
          <p className="text-sm text-slate-500">No changes to the image’s filesystem.</p>
        ) : (
          <ul
            className="max-h-[60vh] overflow-auto font-[family-name:var(--font-geist-mono)] text-xs"
            data-testid="changes-list"
          >
            {data.changes.map((c) => (
              <li key={`${c.kind}:${c.path}`} className="flex gap-3 py-0.5">
                <span className={`w-3 font-bold ${KIND_STYLES[c.kind]}`} title={c.kind}>
                  {KIND_MARK[c.kind]}
                </span>
                <span className="break-all">{c.path}</span>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </Card>
  );
}
