"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import type { StackRow } from "@/lib/services/stacks/stack-row";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText, isAbort, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { FilterSelect, FleetFilterBar, FleetTable, SortHeader } from "@/components/ui/fleet-list";
import { formatRelative } from "@/components/ui/format";
import { stacksApi, type HostOption } from "./api";
import { StackStateBadge } from "./state-badge";
import {
  filterStacks,
  rowKey,
  STACK_STATES,
  stackHref,
  type StackFilters,
  type StackSort,
} from "./stack-list-model";
import { useHostChangeFeed } from "@/components/ui/use-host-change-feed";

const DESCENDING_FIRST: readonly StackSort[] = ["services", "containers", "deployed"];

const SOURCE_WORDS: Record<StackRow["source"], string> = {
  editor: "editor",
  git: "git",
  template: "template",
  discovered: "found on host",
};

function LastDeploy({ row }: { row: StackRow }) {
  const last = row.lastDeploy;
  if (!last) return <span className="text-slate-400">—</span>;
  return (
    <span className="block" data-testid="stack-last-deploy" data-ok={last.ok}>
      <span className={last.ok ? "text-emerald-700" : "font-medium text-red-700"}>
        {last.ok ? "deployed" : "failed"}
      </span>{" "}
      <span className="text-slate-600">{formatRelative(last.at)}</span>
      {last.by ? <span className="text-slate-500"> by {last.by}</span> : null}
      {!last.ok && last.error ? (
        <span className="block max-w-xs truncate text-xs text-red-700" title={last.error}>
          {last.error}
        </span>
      ) : null}
    </span>
  );
}

/** Every compose project of the hosts the user may read: saved stacks and ones found on hosts. */
export function StackList({
  hosts,
  initialHost = "",
}: {
  hosts: HostOption[];
  initialHost?: string;
}) {
  const router = useRouter();
  const [filters, setFilters] = useState<StackFilters>({
    host: initialHost,
    q: "",
    state: "",
    sort: "name",
    dir: "asc",
  });
  const [rows, setRows] = useState<StackRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyRow, setBusyRow] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const refresh = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    try {
      const answer = await api<{ stacks: StackRow[] }>(stacksApi(), { signal: controller.signal });
      setRows(answer.stacks);
      setError(null);
    } catch (err) {
      if (!isAbort(err)) setError(errorText(err));
    }
  }, []);

  useEffect(() => {
    void refresh();
    return () => abort.current?.abort();
  }, [refresh]);
  useHostChangeFeed("stacksChanged", () => void refresh(), { alsoOffline: true });

  const shown = useMemo(() => (rows ? filterStacks(rows, filters) : null), [rows, filters]);
  const deployable = hosts.filter((h) => roleAllows(h.role, "stack.deploy"));
  const mayDeployOn = (hostId: string) => deployable.some((h) => h.id === hostId);

  const setFilter = <K extends keyof StackFilters>(key: K, value: StackFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const sortBy = (sort: StackSort) =>
    setFilters((f) => ({
      ...f,
      sort,
      dir:
        f.sort === sort
          ? f.dir === "asc"
            ? "desc"
            : "asc"
          : DESCENDING_FIRST.includes(sort)
            ? "desc"
            : "asc",
    }));
  const list = { filters, setFilter, sortBy };

  async function adopt(row: StackRow) {
    setBusyRow(rowKey(row));
    setError(null);
    try {
      const { id } = await postJson<{ id: string }>(stacksApi("adopt"), {
        hostId: row.hostId,
        project: row.name,
      });
      router.push(`/stacks/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(`Could not adopt ${row.name} on ${row.hostName}: ${errorText(err)}`);
      setBusyRow(null);
    }
  }

  const offline = hosts.filter((h) => !h.online && (!filters.host || h.id === filters.host));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Stacks</h1>
        <span className="text-sm text-slate-500" data-testid="stack-count">
          {shown ? `${shown.length} stack${shown.length === 1 ? "" : "s"}` : ""}
        </span>
        {deployable.length > 0 ? (
          <Link
            href={
              filters.host ? `/stacks/new?host=${encodeURIComponent(filters.host)}` : "/stacks/new"
            }
            className="ml-auto inline-flex items-center rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800"
          >
            New stack
          </Link>
        ) : null}
      </div>

      <FleetFilterBar
        list={list}
        hosts={hosts}
        searchLabel="Search stacks"
        searchPlaceholder="Search name or host"
      >
        <FilterSelect
          label="State"
          width="w-40"
          value={filters.state}
          onChange={(v) => setFilter("state", v as StackFilters["state"])}
        >
          <option value="">Every state</option>
          {STACK_STATES.map((s) => (
            <option key={s} value={s}>
              {s === "unknown" ? "host offline" : s}
            </option>
          ))}
        </FilterSelect>
      </FleetFilterBar>

      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {offline.map((h) => (
        <p key={h.id} className="text-sm text-amber-700">
          {h.name}: offline, its stacks show as they were last known
        </p>
      ))}

      <FleetTable
        testId="stack-table"
        columns={8}
        empty={
          shown?.length === 0
            ? rows?.length === 0
              ? "No stacks yet. Deploy one with New stack, or start one on a host with docker compose."
              : "No stacks match."
            : null
        }
        header={
          <>
            <SortHeader list={list} sort="name" label="Name" />
            <SortHeader list={list} sort="host" label="Host" />
            <th className="px-3 py-2">Source</th>
            <SortHeader list={list} sort="state" label="State" />
            <SortHeader list={list} sort="services" label="Services" />
            <SortHeader list={list} sort="containers" label="Running" />
            <SortHeader list={list} sort="deployed" label="Last deploy" />
            <th className="px-3 py-2" />
          </>
        }
      >
        {shown?.map((row) => {
          const key = rowKey(row);
          const href = stackHref(row);
          return (
            <tr
              key={key}
              className="border-t border-slate-100"
              data-testid="stack-row"
              data-stack={row.name}
            >
              <td className="px-3 py-2">
                {href ? (
                  <Link href={href} className="font-medium text-sky-800 hover:underline">
                    {row.name}
                  </Link>
                ) : (
                  <span className="font-medium">{row.name}</span>
                )}
              </td>
              <td className="px-3 py-2">{row.hostName}</td>
              <td className="px-3 py-2 text-slate-600">{SOURCE_WORDS[row.source]}</td>
              <td className="px-3 py-2">
                <StackStateBadge state={row.state} />
              </td>
              <td className="px-3 py-2 text-slate-600">{row.services}</td>
              <td className="px-3 py-2 text-slate-600" data-testid="stack-containers">
                {row.containers.running}/{row.containers.total}
              </td>
              <td className="px-3 py-2 text-sm">
                <LastDeploy row={row} />
              </td>
              <td className="px-3 py-2 text-right">
                {row.id === null && mayDeployOn(row.hostId) ? (
                  <Button
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    disabled={busyRow === key || !row.hostOnline}
                    onClick={() => void adopt(row)}
                  >
                    Adopt
                  </Button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </FleetTable>
    </div>
  );
}
