"use client";

import type { NetworkSummary } from "@/lib/protocol";
import { Card } from "@/components/ui/card";
import { INPUT_CLASS, RowInput } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { subnetsOf } from "@/components/networks/api";
import { useHostNetworks } from "@/components/networks/use-host-networks";
import { AddButton, ModeSelect, RemoveButton, RowHeader, SectionError } from "./form-parts";
import type { RunFormState } from "./use-run-form-state";

const NETWORK_MODES = [
  ["", "Its own networks (below; empty: the default bridge)"],
  ["host", "The host’s network (--network host)"],
  ["none", "No network (--network none)"],
] as const;

const ROW_COLUMNS = "grid-cols-[1fr_1.5fr_1fr_1fr_2rem]";

/**
 * A row's network: a pick of the host's networks, or a typed name while they are not known (the
 * host is offline); a name not on the host (pasted, or from another host) stays choosable.
 */
function NetworkPicker({
  id,
  value,
  error,
  networks,
  onChange,
}: {
  id: string;
  value: string;
  error?: string;
  networks: NetworkSummary[] | null;
  onChange: (value: string) => void;
}) {
  if (networks === null) {
    return (
      <RowInput
        id={id}
        label="Network name"
        placeholder="backend"
        value={value}
        error={error}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  const missing = value !== "" && !networks.some((n) => n.name === value);
  return (
    <div className="min-w-0 space-y-1">
      <select
        id={id}
        aria-label="Network name"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${INPUT_CLASS} py-1.5 ${error ? "border-red-500" : "border-slate-300"}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">Pick a network</option>
        {networks.map((n) => (
          <option key={n.id} value={n.name}>
            {n.name} ({n.driver}
            {n.ipam.length ? `, ${subnetsOf(n.ipam)}` : ""})
          </option>
        ))}
        {missing ? <option value={value}>{value} (not on this host)</option> : null}
      </select>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Network mode, the networks joined (aliases, static addresses), MAC, domain name and expose. */
export function NetworkSection({ state, hostId }: { state: RunFormState; hostId: string }) {
  const { form, err, set, updateRow, addRow, removeRow } = state;
  const ownNetworks = form.networkMode === "";
  const hostNetworks = useHostNetworks(hostId);
  return (
    <Card title="Network">
      <div className="space-y-4">
        <div className="grid gap-4 md:grid-cols-2">
          <ModeSelect
            id="networkMode"
            label="Network"
            value={form.networkMode}
            choices={NETWORK_MODES}
            joinable
            error={err("networkMode")}
            onChange={(value) => set("networkMode", value)}
          />
        </div>
        {ownNetworks || form.networks.length > 0 ? (
          <div className="space-y-2" data-section="networks">
            <p className="text-xs text-slate-500">
              The first network is the one the container is created on. A static address needs a
              network with a subnet it lies in.
            </p>
            <SectionError id="networks" error={err("networks")} />
            {form.networks.length > 0 ? (
              <RowHeader
                columns={ROW_COLUMNS}
                labels={["Network", "Aliases (comma separated)", "IPv4 (optional)", "IPv6", ""]}
              />
            ) : null}
            {form.networks.map((n, i) => (
              <div key={n.key} className={`grid ${ROW_COLUMNS} items-start gap-2`}>
                <NetworkPicker
                  id={`networks-${i}-name`}
                  value={n.name}
                  error={err(`networks-${i}-name`)}
                  networks={hostNetworks}
                  onChange={(name) => updateRow("networks", i, { name })}
                />
                <RowInput
                  id={`networks-${i}-aliases`}
                  label="Aliases"
                  placeholder="api, api.internal"
                  value={n.aliases}
                  error={err(`networks-${i}-aliases`)}
                  onChange={(e) => updateRow("networks", i, { aliases: e.target.value })}
                />
                <RowInput
                  id={`networks-${i}-ipv4Address`}
                  label="Static IPv4 address"
                  placeholder="172.20.0.5"
                  value={n.ipv4Address ?? ""}
                  error={err(`networks-${i}-ipv4Address`)}
                  onChange={(e) => updateRow("networks", i, { ipv4Address: e.target.value })}
                />
                <RowInput
                  id={`networks-${i}-ipv6Address`}
                  label="Static IPv6 address"
                  placeholder="fd00::5"
                  value={n.ipv6Address ?? ""}
                  error={err(`networks-${i}-ipv6Address`)}
                  onChange={(e) => updateRow("networks", i, { ipv6Address: e.target.value })}
                />
                <RemoveButton label="Remove network" onClick={() => removeRow("networks", i)} />
              </div>
            ))}
            <AddButton onClick={() => addRow("networks")}>Add network</AddButton>
          </div>
        ) : null}
        <div className="grid gap-4 md:grid-cols-3">
          <Field
            id="macAddress"
            label="MAC address (optional)"
            placeholder="02:42:ac:11:00:02"
            value={form.macAddress}
            error={err("macAddress")}
            onChange={(e) => set("macAddress", e.target.value)}
          />
          <Field
            id="domainname"
            label="Domain name (optional)"
            placeholder="example.internal"
            value={form.domainname}
            error={err("domainname")}
            onChange={(e) => set("domainname", e.target.value)}
          />
          <Field
            id="expose"
            label="Expose ports, unpublished (optional)"
            placeholder="80, 53/udp, 8000-8002"
            value={form.expose}
            error={err("expose")}
            onChange={(e) => set("expose", e.target.value)}
          />
        </div>
      </div>
    </Card>
  );
}
