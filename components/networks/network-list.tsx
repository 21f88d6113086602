"use client";

import Link from "next/link";
import { useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import type { NetworkRow } from "@/lib/services/networks/list-networks";
import { Button } from "@/components/ui/button";
import { postJson } from "@/components/ui/api-client";
import {
  FilterSelect,
  FleetFilterBar,
  FleetNotices,
  FleetTable,
  SortHeader,
} from "@/components/ui/fleet-list";
import { formatRelative } from "@/components/ui/format";
import { useFleetList, type FleetFilters } from "@/components/ui/use-fleet-list";
import { networkHref, networksApi, subnetsOf, type HostOption } from "./api";
import { NetworkFlags } from "./network-flags";
import { PruneDialog } from "./prune-dialog";

type Sort = "name" | "host" | "driver" | "created" | "containers";
type Filters = FleetFilters<Sort> & { driver: string };

const DRIVERS = ["bridge", "macvlan", "ipvlan", "overlay", "host", "null"];

/** Addresses in a fixed-width face; a plain dash when there are none. */
function Addresses({ text }: { text: string }) {
  return text ? (
    <span className="font-mono text-xs">{text}</span>
  ) : (
    <span className="text-slate-400">—</span>
  );
}

/** Every network of the hosts the user may read: filter, sort, remove, prune; live from events. */
export function NetworkList({
  hosts,
  initialHost = "",
}: {
  hosts: HostOption[];
  initialHost?: string;
}) {
  const list = useFleetList<NetworkRow, Sort, Filters>({
    path: "/api/networks",
    push: "networksChanged",
    initial: { host: initialHost, q: "", driver: "", sort: "name", dir: "asc" },
    params: (f) => ({ driver: f.driver }),
    descendingFirst: ["created", "containers"],
  });
  const { filters, setFilter, data, refresh, busyRow, actOnRow } = list;
  const [pruning, setPruning] = useState(false);

  const managed = hosts.filter((h) => roleAllows(h.role, "network.manage"));

  const remove = (row: NetworkRow) =>
    actOnRow(`${row.hostId}/${row.id}`, async () => {
      await postJson(networksApi(row.hostId, "remove"), { network: row.id });
      return `Removed the network ${row.name} on ${row.hostName}.`;
    });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Networks</h1>
        <span className="text-sm text-slate-500" data-testid="network-count">
          {data ? `${data.items.length} network${data.items.length === 1 ? "" : "s"}` : ""}
        </span>
        <div className="ml-auto flex flex-wrap gap-2">
          {managed.length > 0 ? (
            <>
              <Link
                href={
                  filters.host
                    ? `/networks/new?host=${encodeURIComponent(filters.host)}`
                    : "/networks/new"
                }
                className="inline-flex items-center rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800"
              >
                Create network
              </Link>
              <Button variant="secondary" onClick={() => setPruning(true)}>
                Prune
              </Button>
            </>
          ) : null}
        </div>
      </div>

      <FleetFilterBar
        list={list}
        hosts={hosts}
        searchLabel="Search networks"
        searchPlaceholder="Search name or id"
      >
        <FilterSelect
          label="Driver"
          width="w-40"
          value={filters.driver}
          onChange={(v) => setFilter("driver", v)}
        >
          <option value="">Every driver</option>
          {DRIVERS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </FilterSelect>
      </FleetFilterBar>

      <FleetNotices list={list} things="networks" />

      <FleetTable
        testId="network-table"
        columns={10}
        empty={data?.items.length === 0 ? "No networks match." : null}
        header={
          <>
            <SortHeader list={list} sort="name" label="Name" />
            <SortHeader list={list} sort="host" label="Host" />
            <SortHeader list={list} sort="driver" label="Driver" />
            <th className="px-3 py-2">Scope</th>
            <th className="px-3 py-2">Subnet</th>
            <th className="px-3 py-2">Gateway</th>
            <th className="px-3 py-2">Flags</th>
            <SortHeader list={list} sort="containers" label="Containers" />
            <SortHeader list={list} sort="created" label="Created" />
            <th className="px-3 py-2" />
          </>
        }
      >
        {data?.items.map((row) => {
          const key = `${row.hostId}/${row.id}`;
          return (
            <tr
              key={key}
              className="border-t border-slate-100"
              data-testid="network-row"
              data-network={row.name}
            >
              <td className="px-3 py-2">
                <Link
                  href={networkHref(row.hostId, row.id)}
                  className="font-medium text-sky-800 hover:underline"
                >
                  {row.name}
                </Link>
                {row.builtIn ? (
                  <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                    built-in
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2">{row.hostName}</td>
              <td className="px-3 py-2">
                {row.driver}
                {row.options.parent ? (
                  <span className="text-slate-500"> on {row.options.parent}</span>
                ) : null}
              </td>
              <td className="px-3 py-2 text-slate-600">{row.scope}</td>
              <td className="px-3 py-2">
                <Addresses text={subnetsOf(row.ipam)} />
              </td>
              <td className="px-3 py-2">
                <Addresses
                  text={row.ipam.flatMap((p) => (p.gateway ? [p.gateway] : [])).join(", ")}
                />
              </td>
              <td className="px-3 py-2">
                <NetworkFlags network={row} />
              </td>
              <td className="px-3 py-2 text-slate-600" data-testid="network-containers">
                {row.containers.length === 0
                  ? "none"
                  : row.containers.map((c) => c.name).join(", ")}
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                {row.createdAt ? formatRelative(row.createdAt) : "—"}
              </td>
              <td className="px-3 py-2 text-right">
                {!row.builtIn && roleAllows(row.role, "network.manage") ? (
                  <Button
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    disabled={busyRow === key}
                    onClick={() => {
                      if (window.confirm(`Remove the network ${row.name} from ${row.hostName}?`)) {
                        void remove(row);
                      }
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

      {pruning ? (
        <PruneDialog
          hosts={managed}
          initialHostId={filters.host || undefined}
          onClose={() => setPruning(false)}
          onDone={() => void refresh()}
        />
      ) : null}
    </div>
  );
}
