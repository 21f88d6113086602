"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import type { VolumeRow } from "@/lib/services/volumes/list-volumes";
import { Button } from "@/components/ui/button";
import { api } from "@/components/ui/api-client";
import {
  FilterSelect,
  FleetFilterBar,
  FleetNotices,
  FleetTable,
  SortHeader,
} from "@/components/ui/fleet-list";
import { formatBytes, formatRelative } from "@/components/ui/format";
import { useFleetList, type FleetFilters } from "@/components/ui/use-fleet-list";
import { volumeApi, volumeHref, type HostOption } from "./api";
import { CreateVolumeDialog } from "./create-volume-dialog";
import { PruneVolumesDialog } from "./prune-volumes-dialog";

type Sort = "name" | "host" | "driver" | "size" | "created";
type Filters = FleetFilters<Sort> & { dangling: "" | "only" | "hide" };

/** Every volume of the hosts the user may read: filter, sort, create, remove, prune; live. */
export function VolumeList({
  hosts,
  initialHost = "",
}: {
  hosts: HostOption[];
  initialHost?: string;
}) {
  const list = useFleetList<VolumeRow, Sort, Filters>({
    path: "/api/volumes",
    push: "volumesChanged",
    initial: { host: initialHost, q: "", dangling: "", sort: "name", dir: "asc" },
    params: (f) => ({ dangling: f.dangling }),
    descendingFirst: ["size", "created"],
  });
  const { filters, setFilter, data, refresh, busyRow, actOnRow } = list;
  const [dialog, setDialog] = useState<"create" | "prune" | null>(null);

  const managers = hosts.filter((h) => roleAllows(h.role, "volume.manage"));
  const measured = useMemo(
    () => (data?.items ?? []).reduce((sum, v) => sum + (v.size ?? 0), 0),
    [data],
  );

  async function remove(row: VolumeRow) {
    if (!window.confirm(`Remove the volume ${row.name} on ${row.hostName} and everything in it?`))
      return;
    await actOnRow(row.id, async () => {
      await api(volumeApi(row.hostId, row.name), { method: "DELETE" });
      return `Removed the volume ${row.name} on ${row.hostName}.`;
    });
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Volumes</h1>
        <span className="text-sm text-slate-500" data-testid="volume-count">
          {data ? `${data.items.length} volumes · ${formatBytes(measured)} measured` : ""}
        </span>
        <div className="ml-auto flex flex-wrap gap-2">
          {managers.length > 0 ? (
            <>
              <Button onClick={() => setDialog("create")}>Create volume</Button>
              <Button variant="secondary" onClick={() => setDialog("prune")}>
                Prune
              </Button>
            </>
          ) : null}
        </div>
      </div>

      <FleetFilterBar
        list={list}
        hosts={hosts}
        searchLabel="Search volumes"
        searchPlaceholder="Search name, driver or label"
      >
        <FilterSelect
          label="In use"
          value={filters.dangling}
          onChange={(v) => setFilter("dangling", v as Filters["dangling"])}
        >
          <option value="">Used and unused</option>
          <option value="hide">Used by a container</option>
          <option value="only">Unused (dangling)</option>
        </FilterSelect>
      </FleetFilterBar>

      <FleetNotices list={list} things="volumes" />

      <FleetTable
        testId="volume-table"
        columns={8}
        empty={data?.items.length === 0 ? "No volumes match." : null}
        header={
          <>
            <SortHeader list={list} sort="name" label="Name" />
            <SortHeader list={list} sort="host" label="Host" />
            <SortHeader list={list} sort="driver" label="Driver" />
            <SortHeader list={list} sort="size" label="Size" className="text-right" />
            <SortHeader list={list} sort="created" label="Created" />
            <th className="px-3 py-2">Used by</th>
            <th className="px-3 py-2">Labels</th>
            <th className="px-3 py-2" />
          </>
        }
      >
        {data?.items.map((row) => (
          <tr key={row.id} className="border-t border-slate-100" data-testid="volume-row">
            <td className="max-w-xs px-3 py-2">
              <Link
                href={volumeHref(row.hostId, row.name)}
                className="font-medium break-all text-sky-800 hover:underline"
              >
                {row.name}
              </Link>
              {row.dangling ? (
                <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">
                  dangling
                </span>
              ) : null}
            </td>
            <td className="px-3 py-2">{row.hostName}</td>
            <td className="px-3 py-2 text-slate-600">{row.driver}</td>
            <td
              className="px-3 py-2 text-right tabular-nums"
              title={row.sizeAt ? `measured ${formatRelative(row.sizeAt)}` : "not measured yet"}
            >
              {row.size === null ? (
                <span className="text-slate-400">…</span>
              ) : (
                formatBytes(row.size)
              )}
            </td>
            <td className="px-3 py-2 text-slate-600">{formatRelative(row.createdAt)}</td>
            <td className="px-3 py-2 text-slate-600">
              {row.containers.length === 0
                ? "unused"
                : row.containers.map((c) => `${c.name}${c.running ? "" : " (stopped)"}`).join(", ")}
            </td>
            <td className="px-3 py-2 text-xs text-slate-600">
              {Object.entries(row.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(", ")}
            </td>
            <td className="px-3 py-2 text-right">
              {roleAllows(row.role, "volume.manage") ? (
                <Button
                  variant="secondary"
                  className="px-2 py-1 text-xs"
                  disabled={busyRow === row.id}
                  onClick={() => void remove(row)}
                >
                  Remove
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </FleetTable>

      {dialog === "create" ? (
        <CreateVolumeDialog
          hosts={managers}
          initialHostId={filters.host || undefined}
          onClose={() => setDialog(null)}
          onCreated={(msg) => {
            list.setNotice(msg);
            setDialog(null);
            void refresh();
          }}
        />
      ) : null}
      {dialog === "prune" ? (
        <PruneVolumesDialog
          hosts={managers}
          initialHostId={filters.host || undefined}
          onClose={() => setDialog(null)}
          onDone={() => void refresh()}
        />
      ) : null}
    </div>
  );
}
