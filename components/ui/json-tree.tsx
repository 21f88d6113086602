"use client";

import { useState } from "react";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isBranch(value: unknown): value is Json[] | Record<string, Json> {
  return value !== null && typeof value === "object";
}

function preview(value: Json[] | Record<string, Json>): string {
  if (Array.isArray(value)) return value.length === 0 ? "[]" : `[ ${value.length} ]`;
  const keys = Object.keys(value);
  return keys.length === 0 ? "{}" : `{ ${keys.length} }`;
}

function Leaf({ value }: { value: Json }) {
  if (value === null) return <span className="text-slate-400">null</span>;
  if (typeof value === "string")
    return <span className="break-all text-emerald-700">&quot;{value}&quot;</span>;
  if (typeof value === "number") return <span className="text-sky-700">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-purple-700">{String(value)}</span>;
  return null;
}

function Node({
  name,
  value,
  depth,
  openDepth,
}: {
  name: string | null;
  value: Json;
  depth: number;
  openDepth: number;
}) {
  const [open, setOpen] = useState(depth < openDepth);
  const label = name !== null ? <span className="text-slate-700">{name}: </span> : null;
  if (!isBranch(value)) {
    return (
      <div className="pl-4">
        {label}
        <Leaf value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  if (entries.length === 0) {
    return (
      <div className="pl-4">
        {label}
        <span className="text-slate-400">{preview(value)}</span>
      </div>
    );
  }
  return (
    <div className="pl-4">
      <button
        type="button"
        className="-ml-4 inline-flex w-4 justify-center text-slate-400 hover:text-slate-700"
        aria-expanded={open}
        aria-label={open ? `Collapse ${name ?? "root"}` : `Expand ${name ?? "root"}`}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? "▾" : "▸"}
      </button>
      <button type="button" className="text-left" onClick={() => setOpen((o) => !o)}>
        {label}
        {!open ? <span className="text-slate-400">{preview(value)}</span> : null}
      </button>
      {open
        ? entries.map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
          ))
        : null}
    </div>
  );
}

/** A collapsible view of any JSON value; everything is rendered as text. */
export function JsonTree({ value, openDepth = 1 }: { value: unknown; openDepth?: number }) {
  return (
    <div
      className="overflow-x-auto font-[family-name:var(--font-geist-mono)] text-xs leading-5"
      data-testid="json-tree"
    >
      <Node name={null} value={value as Json} depth={0} openDepth={openDepth} />
    </div>
  );
}
