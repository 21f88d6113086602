"use client";

import { useState } from "react";
import type { Cluster, ClusterHost } from "@/lib/services/swarm/get-cluster";
import type { CreatedOverlayNetwork } from "@/lib/services/swarm/create-overlay-network";
import { roleAllows } from "@/lib/auth/permissions";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { ApiError, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox, FieldError, INPUT_CLASS } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";

type Choice = { picked: boolean; address: string };

const ACTION_WORDS: Record<CreatedOverlayNetwork["members"][number]["action"], string> = {
  member: "was in the swarm",
  joined: "joined",
  initialized: "founded the swarm",
  promoted: "was made a manager",
};

/**
 * Pick hosts, name a network, create: the server puts the hosts in one swarm (each advertising
 * the address chosen here) and creates an attachable overlay network across them.
 */
export function OverlayNetworkForm({
  cluster,
  onCreated,
}: {
  cluster: Cluster;
  onCreated: () => void;
}) {
  const usable = cluster.hosts.filter((h) => h.online && roleAllows(h.role, "network.manage"));
  const [name, setName] = useState("");
  const [encrypted, setEncrypted] = useState(false);
  const [subnet, setSubnet] = useState("");
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [done, setDone] = useState<CreatedOverlayNetwork | null>(null);
  const [busy, setBusy] = useState(false);

  const choiceOf = (h: ClusterHost): Choice =>
    choices[h.id] ?? { picked: false, address: h.suggestedAddr ?? "" };
  const picked = usable.filter((h) => choiceOf(h).picked);

  const update = (h: ClusterHost, change: Partial<Choice>) =>
    setChoices((c) => ({ ...c, [h.id]: { ...choiceOf(h), ...change } }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setTopError(null);
    setDone(null);
    try {
      const created = await postJson<CreatedOverlayNetwork>("/api/swarm/network-create", {
        name,
        encrypted,
        ...(subnet.trim() ? { subnet: subnet.trim() } : {}),
        hosts: picked.map((h) => ({
          hostId: h.id,
          // an address already in the swarm is the one the node advertises: nothing to choose
          ...(h.swarmState === "active" || !choiceOf(h).address
            ? {}
            : { advertiseAddr: choiceOf(h).address }),
        })),
      });
      setDone(created);
      setName("");
      onCreated();
    } catch (err) {
      if (err instanceof ApiError && err.field) {
        const field = err.field.replace(/^hosts\.(\d+)(\..*)?$/, (_m, i: string, rest = "") => {
          const host = picked[Number(i)];
          return host ? `host.${host.id}${rest}` : err.field!;
        });
        setErrors({ [field]: err.message });
        if (!["name", "subnet"].includes(field) && !field.startsWith("host.")) {
          setTopError(err.message);
        }
      } else {
        setTopError(errorText(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="New overlay network across hosts">
      <form onSubmit={submit} className="space-y-4" aria-label="New overlay network">
        <div className="grid gap-4 md:grid-cols-2">
          <Field
            id="overlay-name"
            label="Name"
            value={name}
            required
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
            placeholder="backend"
          />
          <Field
            id="overlay-subnet"
            label="Subnet (optional)"
            value={subnet}
            onChange={(e) => setSubnet(e.target.value)}
            error={errors.subnet}
            placeholder="chosen by the swarm"
          />
        </div>
        <Checkbox
          id="overlay-encrypted"
          label="Encrypt traffic between hosts"
          hint="IPsec between the hosts for this network's traffic (costs some throughput)."
          checked={encrypted}
          onChange={(e) => setEncrypted(e.target.checked)}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">Hosts</legend>
          <p className="text-xs text-slate-500">
            Hosts outside a swarm join the swarm the others are in (or found one), advertising the
            address chosen here: the other hosts must reach it on ports 2377, 7946 and 4789. Berth
            keeps the swarm&apos;s join tokens to itself.
          </p>
          {usable.length === 0 ? (
            <p className="text-sm text-slate-500">No online host where you may manage networks.</p>
          ) : null}
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {usable.map((h) => {
              const choice = choiceOf(h);
              const addressError = errors[`host.${h.id}.advertiseAddr`];
              const hostError = errors[`host.${h.id}`];
              const inSwarm = h.swarmState === "active";
              return (
                <li key={h.id} className="flex flex-wrap items-start gap-3 px-3 py-2">
                  <label className="flex min-w-48 items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={choice.picked}
                      onChange={(e) => update(h, { picked: e.target.checked })}
                      aria-label={`Include ${h.name}`}
                    />
                    <span className="font-medium">{h.name}</span>
                    <span className="text-xs text-slate-500">
                      {inSwarm ? (h.manager ? "swarm manager" : "swarm worker") : "not in a swarm"}
                    </span>
                  </label>
                  {choice.picked && !inSwarm ? (
                    <div className="min-w-56 space-y-1">
                      <input
                        list={`addresses-${h.id}`}
                        aria-label={`Advertise address of ${h.name}`}
                        aria-invalid={addressError ? true : undefined}
                        aria-describedby={addressError ? `advertise-${h.id}-error` : undefined}
                        className={`${INPUT_CLASS} py-1.5 ${addressError ? "border-red-500" : "border-slate-300"}`}
                        value={choice.address}
                        onChange={(e) => update(h, { address: e.target.value })}
                      />
                      <datalist id={`addresses-${h.id}`}>
                        {h.addresses.map((a) => (
                          <option key={a} value={a} />
                        ))}
                      </datalist>
                      <FieldError id={`advertise-${h.id}`} error={addressError} />
                    </div>
                  ) : null}
                  {hostError ? <p className="w-full text-sm text-red-700">{hostError}</p> : null}
                </li>
              );
            })}
          </ul>
        </fieldset>
        {topError ? <ErrorMessage>{topError}</ErrorMessage> : null}
        {done ? (
          <SuccessMessage testId="overlay-created">
            {done.name} created across{" "}
            {done.members
              .map((m) => `${m.hostName} (${ACTION_WORDS[m.action]}, ${m.role})`)
              .join(", ")}
            .
          </SuccessMessage>
        ) : null}
        <Button type="submit" disabled={busy || picked.length === 0 || !name.trim()}>
          {busy ? "Creating…" : "Create overlay network"}
        </Button>
      </form>
    </Card>
  );
}
