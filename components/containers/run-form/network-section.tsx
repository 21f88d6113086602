"use client";

import { Card } from "@/components/ui/card";
import { RowInput } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { AddButton, ModeSelect, RemoveButton, RowHeader, SectionError } from "./form-parts";
import type { RunFormState } from "./use-run-form-state";

const NETWORK_MODES = [
  ["", "Its own networks (below; empty: the default bridge)"],
  ["host", "The host’s network (--network host)"],
  ["none", "No network (--network none)"],
] as const;

const ROW_COLUMNS = "grid-cols-[1fr_1.5fr_1fr_1fr_2rem]";

/** Network mode, the networks joined (aliases, static addresses), MAC, domain name and expose. */
export function NetworkSection({ state }: { state: RunFormState }) {
  const { form, err, set, updateRow, addRow, removeRow } = state;
  const ownNetworks = form.networkMode === "";
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
                <RowInput
                  id={`networks-${i}-name`}
                  label="Network name"
                  placeholder="backend"
                  value={n.name}
                  error={err(`networks-${i}-name`)}
                  onChange={(e) => updateRow("networks", i, { name: e.target.value })}
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
