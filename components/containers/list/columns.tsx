import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import type { ContainerRow } from "@/lib/services/containers/container-row";
import { formatBytes } from "@/components/ui/format";
import { formatPercent, formatRelative } from "@/components/ui/format";
import { UpdateBadge } from "@/components/image-updates/update-badge";
import { PortLink, portLabel, uniquePorts } from "../ports";
import { HealthText, StateBadge } from "../state-badge";
import { detailsHref } from "../urls";

/** A row of the list, or null while its page is on the way. */
export type Slot = ContainerRow | null;

/** What the columns read from the table besides the rows. */
export type ContainerTableMeta = {
  /** "hostId/containerId" of containers with an image update available */
  updates: Set<string>;
};

/** The list's columns; `meta.sort` makes a header sort the list, `meta.align` aligns a column. */
export const COLUMNS: ColumnDef<Slot>[] = [
  { id: "select", header: "", cell: () => null },
  {
    id: "name",
    header: "Name",
    meta: { sort: "name" },
    cell: ({ row }) => {
      const c = row.original;
      if (!c) return null;
      return (
        <Link
          href={detailsHref(c.hostId, c.id)}
          className="truncate font-medium text-sky-800 hover:underline"
          title={c.name}
          data-testid="container-name"
        >
          {c.name}
        </Link>
      );
    },
  },
  {
    id: "host",
    header: "Host",
    meta: { sort: "host" },
    cell: ({ row }) => {
      const c = row.original;
      if (!c) return null;
      return (
        <span
          className="flex min-w-0 items-center gap-1.5"
          title={c.hostOnline ? c.hostName : `${c.hostName} (offline)`}
        >
          <span
            className={`h-1.5 w-1.5 shrink-0 rounded-full ${c.hostOnline ? "bg-emerald-500" : "bg-slate-400"}`}
          />
          <span className="truncate">{c.hostName}</span>
        </span>
      );
    },
  },
  {
    id: "image",
    header: "Image",
    meta: { sort: "image" },
    cell: ({ row, table }) => {
      const c = row.original;
      if (!c) return null;
      const updates = (table.options.meta as ContainerTableMeta | undefined)?.updates;
      return (
        <span className="flex min-w-0 items-center">
          <span className="truncate font-mono text-xs text-slate-700" title={c.image}>
            {c.image}
          </span>
          {updates?.has(`${c.hostId}/${c.id}`) ? <UpdateBadge /> : null}
        </span>
      );
    },
  },
  {
    id: "state",
    header: "State",
    meta: { sort: "state" },
    cell: ({ row }) => (row.original ? <StateBadge state={row.original.state} /> : null),
  },
  {
    id: "health",
    header: "Health",
    cell: ({ row }) => (row.original ? <HealthText health={row.original.health} /> : null),
  },
  {
    id: "ports",
    header: "Ports",
    cell: ({ row }) => {
      const c = row.original;
      if (!c) return null;
      const ports = uniquePorts(c.ports);
      if (ports.length === 0) return <span className="text-slate-400">—</span>;
      const shown = ports.slice(0, 1);
      return (
        <span
          className="flex min-w-0 items-center gap-2 overflow-hidden"
          title={ports.map(portLabel).join(", ")}
        >
          {shown.map((p) => (
            <PortLink
              key={`${p.ip}|${p.publicPort}|${p.privatePort}|${p.type}`}
              port={p}
              hostAddress={c.hostAddress}
              hostName={c.hostName}
              className="shrink-0"
            />
          ))}
          {ports.length > shown.length ? (
            <span className="shrink-0 text-xs text-slate-500">+{ports.length - shown.length}</span>
          ) : null}
        </span>
      );
    },
  },
  {
    id: "created",
    header: "Created",
    meta: { sort: "created" },
    cell: ({ row }) =>
      row.original ? (
        <span className="text-slate-600">{formatRelative(row.original.createdAt)}</span>
      ) : null,
  },
  {
    id: "status",
    header: "Status",
    cell: ({ row }) => {
      const c = row.original;
      if (!c) return null;
      return (
        <span className="truncate text-slate-600" title={c.status}>
          {c.hostOnline ? c.status : `${c.status} · host offline`}
        </span>
      );
    },
  },
  {
    id: "cpu",
    header: "CPU",
    meta: { sort: "cpu", align: "right" },
    cell: ({ row }) =>
      row.original ? (
        <span className="tabular-nums" data-testid="container-cpu">
          {row.original.state === "running" ? formatPercent(row.original.cpuPercent) : "—"}
        </span>
      ) : null,
  },
  {
    id: "memory",
    header: "Memory",
    meta: { sort: "memory", align: "right" },
    cell: ({ row }) =>
      row.original ? (
        <span className="tabular-nums" data-testid="container-memory">
          {row.original.state === "running" && row.original.memoryBytes !== null
            ? formatBytes(row.original.memoryBytes)
            : "—"}
        </span>
      ) : null,
  },
];
