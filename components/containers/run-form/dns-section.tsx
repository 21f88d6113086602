"use client";

import { RowInput } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { CollapsibleCard } from "./disclosure";
import { AddButton, RemoveButton, RowHeader, SectionError } from "./form-parts";
import type { RunFormState } from "./use-run-form-state";

/** --dns, --dns-search, --dns-option and --add-host. */
export function DnsSection({ state }: { state: RunFormState }) {
  const { form, err, set, updateRow, addRow, removeRow } = state;
  const filled =
    Boolean(form.dns.trim() || form.dnsSearch.trim() || form.dnsOptions.trim()) ||
    form.extraHosts.length > 0;
  return (
    <CollapsibleCard
      title="DNS and hosts"
      hint="DNS servers, search domains, extra /etc/hosts entries"
      filled={filled}
      testId="dns-card"
    >
      <div className="space-y-4">
        <div className="grid gap-4 md:grid-cols-3">
          <Field
            id="dns"
            label="DNS servers"
            placeholder="10.0.0.2, 1.1.1.1"
            value={form.dns}
            error={err("dns")}
            onChange={(e) => set("dns", e.target.value)}
          />
          <Field
            id="dnsSearch"
            label="Search domains"
            placeholder="corp.example"
            value={form.dnsSearch}
            error={err("dnsSearch")}
            onChange={(e) => set("dnsSearch", e.target.value)}
          />
          <Field
            id="dnsOptions"
            label="Resolver options"
            placeholder="ndots:2, timeout:1"
            value={form.dnsOptions}
            error={err("dnsOptions")}
            onChange={(e) => set("dnsOptions", e.target.value)}
          />
        </div>
        <div className="space-y-2" data-section="extraHosts">
          <h3 className="text-sm font-medium text-slate-700">Extra hosts (--add-host)</h3>
          <SectionError id="extraHosts" error={err("extraHosts")} />
          {form.extraHosts.length > 0 ? (
            <RowHeader
              columns="grid-cols-[1fr_1fr_2rem]"
              labels={["Host name", "IP address (or host-gateway)", ""]}
            />
          ) : null}
          {form.extraHosts.map((h, i) => (
            <div key={h.key} className="grid grid-cols-[1fr_1fr_2rem] items-start gap-2">
              <RowInput
                id={`extraHosts-${i}-host`}
                label="Extra host name"
                placeholder="db"
                value={h.host}
                error={err(`extraHosts-${i}-host`)}
                onChange={(e) => updateRow("extraHosts", i, { host: e.target.value })}
              />
              <RowInput
                id={`extraHosts-${i}-ip`}
                label={`IP address of ${h.host || "the host"}`}
                placeholder="10.0.0.3"
                value={h.ip}
                error={err(`extraHosts-${i}-ip`)}
                onChange={(e) => updateRow("extraHosts", i, { ip: e.target.value })}
              />
              <RemoveButton label="Remove extra host" onClick={() => removeRow("extraHosts", i)} />
            </div>
          ))}
          <AddButton onClick={() => addRow("extraHosts")}>Add host</AddButton>
        </div>
      </div>
    </CollapsibleCard>
  );
}
