"use client";

import Link from "next/link";
import { useState } from "react";
import { api } from "@/components/ui/api-client";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RowInput } from "@/components/ui/controls";
import type { HostGroupRow } from "@/lib/services/host-groups/list-host-groups";
import { useMutation } from "./use-mutation";

type HostRef = { id: string; name: string };

function GroupCard({ group, hosts }: { group: HostGroupRow; hosts: HostRef[] }) {
  const m = useMutation();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(group.name);
  const [selected, setSelected] = useState(() => new Set(group.hosts.map((h) => h.id)));
  return (
    <Card
      title={group.name}
      actions={
        <div className="flex gap-1">
          <Link
            href={`/groups/${group.id}/access`}
            className="inline-flex items-center rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100"
          >
            Access
          </Link>
          <Link
            href={`/groups/${group.id}/policy`}
            className="inline-flex items-center rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100"
          >
            Policy
          </Link>
          <Button
            variant="secondary"
            className="px-2 py-1 text-xs"
            onClick={() => setEditing(!editing)}
          >
            Edit
          </Button>
          <Button
            variant="danger"
            className="px-2 py-1 text-xs"
            disabled={m.busy}
            onClick={() => {
              if (window.confirm(`Delete host group ${group.name}? Roles granted on it go too.`)) {
                void m.run(() => api(`/api/host-groups/${group.id}`, { method: "DELETE" }));
              }
            }}
          >
            Delete
          </Button>
        </div>
      }
    >
      <div className="space-y-3" data-testid="group-card">
        {editing ? (
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              void m
                .run(async () => {
                  if (name !== group.name) {
                    await api(`/api/host-groups/${group.id}`, { method: "PATCH", json: { name } });
                  }
                  return api(`/api/host-groups/${group.id}/hosts`, {
                    method: "PUT",
                    json: { hostIds: [...selected] },
                  });
                })
                .then((ok) => ok && setEditing(false));
            }}
          >
            <RowInput
              id={`group-name-${group.id}`}
              label="Group name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={m.fieldError("name")}
            />
            <fieldset className="grid grid-cols-2 gap-1 text-sm">
              <legend className="mb-1 text-xs text-slate-500">Hosts in this group</legend>
              {hosts.map((h) => (
                <label key={h.id} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={selected.has(h.id)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if (e.target.checked) next.add(h.id);
                      else next.delete(h.id);
                      setSelected(next);
                    }}
                  />
                  {h.name}
                </label>
              ))}
            </fieldset>
            <Button type="submit" disabled={m.busy}>
              Save
            </Button>
          </form>
        ) : group.hosts.length === 0 ? (
          <p className="text-sm text-slate-500">No hosts in this group yet.</p>
        ) : (
          <div className="flex flex-wrap gap-1">
            {group.hosts.map((h) => (
              <span key={h.id} className="rounded bg-sky-50 px-2 py-0.5 text-sm text-sky-900">
                {h.name}
              </span>
            ))}
          </div>
        )}
        {m.formError(["name"]) ? <ErrorMessage>{m.formError(["name"])}</ErrorMessage> : null}
      </div>
    </Card>
  );
}

export function GroupsAdmin({ groups, hosts }: { groups: HostGroupRow[]; hosts: HostRef[] }) {
  const m = useMutation();
  const [name, setName] = useState("");
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        A host group tags hosts together: a role granted on the group applies to each of its hosts,
        including hosts added later. A host may be in several groups.
      </p>
      <form
        className="flex items-start gap-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void m
            .run(() => api("/api/host-groups", { method: "POST", json: { name } }))
            .then((ok) => ok && setName(""));
        }}
      >
        <RowInput
          id="new-group"
          label="New host group name"
          placeholder="New host group name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={m.fieldError("name") ?? m.formError(["name"])}
          className="w-64"
        />
        <Button type="submit" disabled={m.busy} className="py-1.5">
          Create group
        </Button>
      </form>
      {groups.length === 0 ? (
        <p className="text-sm text-slate-500">No host groups yet.</p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {groups.map((g) => (
            <GroupCard key={g.id} group={g} hosts={hosts} />
          ))}
        </div>
      )}
    </div>
  );
}
