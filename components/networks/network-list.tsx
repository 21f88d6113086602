"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import type { NetworkPage, NetworkRow } from "@/lib/services/networks/list-networks";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { INPUT_CLASS } from "@/components/ui/controls";
import { api, errorText, isAbort, postJson } from "@/components/ui/api-client";
import { formatRelative } from "@/components/ui/format";
import { useHostChangeFeed } from "@/components/ui/use-host-change-feed";
import { networkHref, networksApi, subnetsOf, type HostOption } from "./api";
import { NetworkFlags } from "./network-flags";
import { PruneDialog } from "./prune-dialog";

type Sort = "name" | "host" | "driver" | "created" | "containers";
type Filters = { host: string; q: string; driver: string; sort: Sort; dir: "asc" | "desc" };

const DRIVERS = ["bridge", "macvlan", "ipvlan", "overlay", "host", "null"];

/** Addresses in a fixed-width face; a plain dash when there are none. */
function Addresses({ text }: { text: string }) {
  return text ? (
    <span className="font-mono text-xs">{text}</span>
  ) : (
    <span className="text-slate-400">—</span>
  );
}

function listUrl(f: Filters): string {
  const params = new URLSearchParams({ sort: f.sort, dir: f.dir });
  if (f.host) params.set("host", f.host);
  if (f.q.trim()) params.set("q", f.q.trim());
  if (f.driver) params.set("driver", f.driver);
  return `/api/networks?${params.toString()}`;
}

/** Every network of the hosts the user may read: filter, sort, remove, prune; live from events. */
export function NetworkList({
  hosts,
  initialHost = "",
}: {
  hosts: HostOption[];
  initialHost?: string;
}) {
  const [filters, setFilters] = useState<Filters>({
    host: initialHost,
    q: "",
    driver: "",
    sort: "name",
    dir: "asc",
  });
  const [data, setData] = useState<NetworkPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pruning, setPruning] = useState(false);
  const [busyRow, setBusyRow] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const refresh = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    try {
      setData(await api<NetworkPage>(listUrl(filters), { signal: controller.signal }));
      setError(null);
    } catch (err) {
      if (!isAbort(err)) setError(errorText(err));
    }
  }, [filters]);

  useEffect(() => {
    const timer = setTimeout(() => void refresh(), 200);
    return () => clearTimeout(timer);
  }, [refresh]);

  useHostChangeFeed("networksChanged", (hostId) => {
    if (hostId === null || !filters.host || hostId === filters.host) void refresh();
  });

  const managed = hosts.filter((h) => roleAllows(h.role, "network.manage"));

  async function remove(row: NetworkRow) {
    const key = `${row.hostId}/${row.id}`;
    setBusyRow(key);
    setNotice(null);
    setError(null);
    try {
      await postJson(networksApi(row.hostId, "remove"), { network: row.id });
      setNotice(`Removed the network ${row.name} on ${row.hostName}.`);
      await refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusyRow(null);
    }
  }

  const sortBy = (sort: Sort) =>
    setFilters((f) => ({
      ...f,
      sort,
      dir:
        f.sort === sort
          ? f.dir === "asc"
            ? "desc"
            : "asc"
          : sort === "created" || sort === "containers"
            ? "desc"
            : "asc",
    }));
  const header = (sort: Sort, label: string) => (
    <th
      className="px-3 py-2"
      aria-sort={filters.sort === sort ? `${filters.dir}ending` : undefined}
    >
      <button className="uppercase" onClick={() => sortBy(sort)}>
        {label}
        {filters.sort === sort ? (filters.dir === "asc" ? " ▲" : " ▼") : ""}
      </button>
    </th>
  );

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

      <div className="flex flex-wrap gap-2">
        <div className="w-48">
          <select
            aria-label="Host"
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.host}
            onChange={(e) => setFilters((f) => ({ ...f, host: e.target.value }))}
          >
            <option value="">All hosts</option>
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </div>
        <div className="w-64">
          <input
            aria-label="Search networks"
            placeholder="Search name or id"
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.q}
            onChange={(e) => setFilters((f) => ({ ...f, q: e.target.value }))}
          />
        </div>
        <div className="w-40">
          <select
            aria-label="Driver"
            className={`${INPUT_CLASS} border-slate-300`}
            value={filters.driver}
            onChange={(e) => setFilters((f) => ({ ...f, driver: e.target.value }))}
          >
            <option value="">Every driver</option>
            {DRIVERS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
      </div>

      {notice ? <SuccessMessage testId="notice">{notice}</SuccessMessage> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {data?.hosts
        .filter((h) => !h.online || h.error)
        .map((h) => (
          <p key={h.id} className="text-sm text-amber-700">
            {h.name}: {h.online ? h.error : "offline, its networks are not listed"}
          </p>
        ))}

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="network-table">
          <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
            <tr>
              {header("name", "Name")}
              {header("host", "Host")}
              {header("driver", "Driver")}
              <th className="px-3 py-2">Scope</th>
              <th className="px-3 py-2">Subnet</th>
              <th className="px-3 py-2">Gateway</th>
              <th className="px-3 py-2">Flags</th>
              {header("containers", "Containers")}
              {header("created", "Created")}
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody>
            {data && data.items.length === 0 ? (
              <tr>
                <td colSpan={10} className="px-3 py-6 text-center text-slate-500">
                  No networks match.
                </td>
              </tr>
            ) : null}
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
                          if (
                            window.confirm(`Remove the network ${row.name} from ${row.hostName}?`)
                          ) {
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
          </tbody>
        </table>
      </div>

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
