"use client";

import type { ContainerProcesses } from "@/lib/services/containers/get-container-processes";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table } from "../table";
import { useLoad } from "../use-load";

export function ProcessesTab({ base, running }: { base: string; running: boolean }) {
  const { data, error, loading, load } = useLoad<ContainerProcesses>(`${base}/top`, running);
  return (
    <Card
      title="Processes"
      actions={
        running ? (
          <Button
            variant="secondary"
            onClick={() => void load()}
            disabled={loading}
            data-testid="processes-refresh"
          >
            {loading ? "Loading…" : "Refresh"}
          </Button>
        ) : null
      }
    >
      {!running ? <p className="text-sm text-slate-500">The container is not running.</p> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {running && data ? (
        <Table
          head={data.titles}
          rows={data.processes.map((p) =>
            p.map((c, i) => (
              <span key={i} className="font-mono text-xs">
                {c}
              </span>
            )),
          )}
          empty="No processes."
          testId="processes-table"
        />
      ) : null}
    </Card>
  );
}
