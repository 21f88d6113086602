"use client";

import { useEffect, useState } from "react";
import type { HostInterface } from "@/lib/protocol";
import { api, errorText } from "@/components/ui/api-client";
import { Field } from "@/components/ui/field";
import { INPUT_CLASS } from "@/components/ui/controls";
import { networksApi } from "./api";

/** Not an interface name (those never hold "*"): the choice to type one. */
const OTHER = "*other";

function describe(i: HostInterface): string {
  const addresses = i.addresses.map((a) => `${a.address}/${a.prefix}`).join(", ");
  return [i.name, i.type === "unknown" ? null : i.type, i.up ? "up" : "down", addresses || null]
    .filter(Boolean)
    .join(" · ");
}

/**
 * The parent of a macvlan or ipvlan network: one of the interfaces the host's agent reports, or
 * a typed name (a VLAN such as eth0.10 the engine makes, or any name while the host's
 * interfaces cannot be listed).
 */
export function ParentPicker({
  hostId,
  value,
  error,
  onChange,
}: {
  hostId: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const [interfaces, setInterfaces] = useState<HostInterface[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [typing, setTyping] = useState(false);

  useEffect(() => {
    if (!hostId) return;
    let live = true;
    setInterfaces(null);
    setLoadError(null);
    api<{ interfaces: HostInterface[] }>(networksApi(hostId, "interfaces")).then(
      (res) => {
        // the engine's own plumbing (veth pairs, docker0, br-<id>) is no parent for a LAN
        if (live) setInterfaces(res.interfaces.filter((i) => i.type !== "loopback" && !i.engine));
      },
      (err: unknown) => {
        if (live) setLoadError(errorText(err));
      },
    );
    return () => {
      live = false;
    };
  }, [hostId]);

  const listed = interfaces?.some((i) => i.name === value) ?? false;
  if (loadError || typing || (interfaces && value && !listed)) {
    return (
      <div className="space-y-1">
        <Field
          id="parent"
          label="Parent interface"
          placeholder="eth0 or eth0.10"
          value={value}
          error={error}
          onChange={(e) => onChange(e.target.value)}
        />
        {loadError ? (
          <p className="text-xs text-amber-700">
            The host&apos;s interfaces could not be listed ({loadError}): type the name.
          </p>
        ) : (
          <button
            type="button"
            className="text-xs text-sky-800 hover:underline"
            onClick={() => {
              setTyping(false);
              onChange("");
            }}
          >
            Pick from the host&apos;s interfaces
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="space-y-1">
      <label htmlFor="parent" className="block text-sm font-medium text-slate-700">
        Parent interface
      </label>
      <select
        id="parent"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "parent-error" : undefined}
        className={`${INPUT_CLASS} ${error ? "border-red-500" : "border-slate-300"}`}
        value={value}
        disabled={interfaces === null}
        onChange={(e) => {
          if (e.target.value === OTHER) {
            setTyping(true);
            onChange("");
          } else onChange(e.target.value);
        }}
      >
        <option value="">
          {interfaces === null ? "Reading the host's interfaces…" : "Pick one"}
        </option>
        {(interfaces ?? []).map((i) => (
          <option key={i.name} value={i.name}>
            {describe(i)}
          </option>
        ))}
        <option value={OTHER}>Another name (a VLAN such as eth0.10)…</option>
      </select>
      {error ? (
        <p id="parent-error" className="text-sm text-red-700">
          {error}
        </p>
      ) : (
        <p className="text-xs text-slate-500">
          Containers get addresses on this interface&apos;s LAN. They can reach each other and the
          LAN, but not the host itself through it.
        </p>
      )}
    </div>
  );
}
