"use client";

import { useMemo, useState } from "react";
import type { ComposeProjectSummary } from "@/lib/protocol";
import { colourFor } from "@/components/logs/log-model";
import { LogViewer, type LogSource } from "@/components/logs/log-viewer";

/** The project's containers' logs merged in time order; services can be left out. */
export function LogsTab({
  project,
  hostId,
}: {
  project: ComposeProjectSummary | null;
  hostId: string;
}) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const containers = useMemo(
    () => project?.services.flatMap((s) => s.containers.filter((c) => !c.oneoff)) ?? [],
    [project],
  );
  // a stable key: the viewer restarts its streams only when the set of containers changes
  const ids = containers
    .filter((c) => !hidden.has(c.service))
    .map((c) => `${c.id}|${c.name}`)
    .join(",");
  const sources: LogSource[] = useMemo(
    () =>
      ids
        ? ids.split(",").map((entry) => {
            const [containerId = "", name = ""] = entry.split("|");
            return { hostId, containerId, name };
          })
        : [],
    [ids, hostId],
  );

  if (!project || containers.length === 0)
    return <p className="text-sm text-slate-500">The stack has no containers on the host.</p>;
  const toggle = (service: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(service)) next.delete(service);
      else next.add(service);
      return next;
    });
  return (
    <div className="space-y-3" data-testid="stack-logs">
      <fieldset className="flex flex-wrap gap-2">
        <legend className="sr-only">Services</legend>
        {project.services.map((s) => (
          <label
            key={s.name}
            className="flex cursor-pointer items-center gap-1.5 rounded-full border border-slate-300 bg-white px-2.5 py-1 text-xs"
          >
            <input type="checkbox" checked={!hidden.has(s.name)} onChange={() => toggle(s.name)} />
            {s.containers.map((c) => (
              <span
                key={c.id}
                className="inline-block h-2 w-2 rounded-full"
                style={{ backgroundColor: colourFor(c.name) }}
              />
            ))}
            {s.name}
          </label>
        ))}
      </fieldset>
      {sources.length > 0 ? (
        <LogViewer key={ids} sources={sources} defaultTail={100} heightClass="h-[60vh]" />
      ) : (
        <p className="text-sm text-slate-500">Choose one or more services above.</p>
      )}
    </div>
  );
}
