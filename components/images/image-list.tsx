"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import type { ImageRow } from "@/lib/services/images/list-images";
import type { RemovedImage } from "@/lib/services/images/remove-image";
import { Button } from "@/components/ui/button";
import { postJson } from "@/components/ui/api-client";
import {
  FilterSelect,
  FleetFilterBar,
  FleetNotices,
  FleetTable,
  SortHeader,
} from "@/components/ui/fleet-list";
import { formatBytes, formatRelative } from "@/components/ui/format";
import { useFleetList, type FleetFilters } from "@/components/ui/use-fleet-list";
import { CheckNowButton } from "@/components/image-updates/check-now-button";
import { UpdateBadge } from "@/components/image-updates/update-badge";
import { useImageUpdates } from "@/components/image-updates/use-image-updates";
import { imageHref, shortId, type HostOption, type RegistryOption } from "./api";
import { LoadButton } from "./load-button";
import { PruneDialog } from "./prune-dialog";
import { TransferDialog } from "./transfer-dialog";

type Sort = "name" | "host" | "size" | "created";
type Filters = FleetFilters<Sort> & { dangling: "" | "only" | "hide"; unused: boolean };

/** Every image of the hosts the user may read: filter, sort, remove, pull, load, prune. */
export function ImageList({
  hosts,
  registries,
  initialHost = "",
}: {
  hosts: HostOption[];
  registries: RegistryOption[];
  initialHost?: string;
}) {
  const list = useFleetList<ImageRow, Sort, Filters>({
    path: "/api/images",
    push: "imagesChanged",
    initial: {
      host: initialHost,
      q: "",
      dangling: "",
      unused: false,
      sort: "created",
      dir: "desc",
    },
    params: (f) => ({ dangling: f.dangling, unused: f.unused && "only" }),
    descendingFirst: ["size", "created"],
  });
  const { filters, setFilter, data, refresh, busyRow, actOnRow } = list;
  const [dialog, setDialog] = useState<"pull" | "prune" | null>(null);
  const imageUpdates = useImageUpdates(filters.host || undefined);

  const canPull = hosts.some((h) => roleAllows(h.role, "image.pull"));
  const canRemove = hosts.some((h) => roleAllows(h.role, "image.remove"));
  const canLoad = hosts.some((h) => roleAllows(h.role, "image.build"));
  const totalSize = useMemo(() => (data?.items ?? []).reduce((sum, i) => sum + i.size, 0), [data]);

  const remove = (row: ImageRow, force: boolean) =>
    actOnRow(`${row.hostId}/${row.id}`, async () => {
      const res = await postJson<RemovedImage>(
        `/api/hosts/${encodeURIComponent(row.hostId)}/images/remove`,
        { ref: row.id, force },
      );
      return `Removed ${row.tags[0] ?? shortId(row.id)} on ${row.hostName}: ${res.deleted.length} layer${res.deleted.length === 1 ? "" : "s"} deleted.`;
    });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Images</h1>
        <span className="text-sm text-slate-500" data-testid="image-count">
          {data ? `${data.items.length} images · ${formatBytes(totalSize)}` : ""}
        </span>
        <div className="ml-auto flex flex-wrap gap-2">
          {canPull ? <Button onClick={() => setDialog("pull")}>Pull</Button> : null}
          {canPull ? (
            <CheckNowButton
              hostId={filters.host || undefined}
              onChecked={list.setNotice}
              onError={list.setError}
            />
          ) : null}
          {canLoad ? (
            <>
              <Link
                href="/images/build"
                className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
              >
                Build
              </Link>
              <LoadButton
                hosts={hosts}
                onLoaded={(msg) => (list.setNotice(msg), void refresh())}
                onError={list.setError}
              />
            </>
          ) : null}
          {canRemove ? (
            <Button variant="secondary" onClick={() => setDialog("prune")}>
              Prune
            </Button>
          ) : null}
        </div>
      </div>

      <FleetFilterBar
        list={list}
        hosts={hosts}
        searchLabel="Search images"
        searchPlaceholder="Search name or id"
      >
        <FilterSelect
          label="Dangling"
          value={filters.dangling}
          onChange={(v) => setFilter("dangling", v as Filters["dangling"])}
        >
          <option value="">Tagged and dangling</option>
          <option value="hide">Tagged only</option>
          <option value="only">Dangling only</option>
        </FilterSelect>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={filters.unused}
            onChange={(e) => setFilter("unused", e.target.checked)}
          />
          Unused only
        </label>
      </FleetFilterBar>

      <FleetNotices list={list} things="images" />

      <FleetTable
        testId="image-table"
        columns={7}
        empty={data?.items.length === 0 ? "No images match." : null}
        header={
          <>
            <SortHeader list={list} sort="name" label="Repository : tag" />
            <th className="px-3 py-2">Id</th>
            <SortHeader list={list} sort="host" label="Host" />
            <SortHeader list={list} sort="size" label="Size" className="text-right" />
            <SortHeader list={list} sort="created" label="Created" />
            <th className="px-3 py-2">Used by</th>
            <th className="px-3 py-2" />
          </>
        }
      >
        {data?.items.map((row) => {
          const key = `${row.hostId}/${row.id}`;
          return (
            <tr key={key} className="border-t border-slate-100" data-testid="image-row">
              <td className="px-3 py-2">
                <Link
                  href={imageHref(row.hostId, row.id)}
                  className="font-medium text-sky-800 hover:underline"
                >
                  {row.tags.length > 0 ? row.tags.join(", ") : "<none>"}
                </Link>
                {imageUpdates.imageOutdated(row.hostId, row.digests) ? <UpdateBadge /> : null}
                {row.dangling ? (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">
                    dangling
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs text-slate-600">{shortId(row.id)}</td>
              <td className="px-3 py-2">{row.hostName}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatBytes(row.size)}</td>
              <td className="px-3 py-2 text-slate-600">{formatRelative(row.createdAt)}</td>
              <td className="px-3 py-2 text-slate-600">
                {row.containers.length === 0
                  ? "unused"
                  : row.containers.map((c) => c.name).join(", ")}
              </td>
              <td className="px-3 py-2 text-right">
                {roleAllows(row.role, "image.remove") ? (
                  <Button
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    disabled={busyRow === key}
                    onClick={() => {
                      const inUse = row.containers.length > 0 || row.tags.length > 1;
                      if (
                        inUse &&
                        !window.confirm(
                          row.containers.length > 0
                            ? `Containers use this image (${row.containers.map((c) => c.name).join(", ")}). Remove it by force?`
                            : `Remove all ${row.tags.length} tags of this image?`,
                        )
                      ) {
                        return;
                      }
                      void remove(row, inUse);
                    }}
                  >
                    Remove
                  </Button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </FleetTable>

      {dialog === "pull" ? (
        <TransferDialog
          mode="pull"
          hosts={hosts.filter((h) => roleAllows(h.role, "image.pull"))}
          registries={registries}
          initialHostId={filters.host || undefined}
          onClose={() => setDialog(null)}
          onDone={() => void refresh()}
        />
      ) : null}
      {dialog === "prune" ? (
        <PruneDialog
          hosts={hosts.filter((h) => roleAllows(h.role, "image.remove"))}
          initialHostId={filters.host || undefined}
          onClose={() => setDialog(null)}
          onDone={() => void refresh()}
        />
      ) : null}
    </div>
  );
}
