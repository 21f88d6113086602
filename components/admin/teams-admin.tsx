"use client";

import { useState } from "react";
import { api } from "@/components/ui/api-client";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RowInput } from "@/components/ui/controls";
import type { TeamRow } from "@/lib/services/teams/list-teams";
import { useMutation } from "./use-mutation";

type Person = { id: string; name: string; email: string };

function NameForm({
  id,
  label,
  initial = "",
  submit,
  onSubmit,
}: {
  id: string;
  label: string;
  initial?: string;
  submit: string;
  onSubmit: (name: string) => Promise<unknown>;
}) {
  const m = useMutation();
  const [name, setName] = useState(initial);
  return (
    <form
      className="flex items-start gap-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void m.run(() => onSubmit(name)).then((ok) => ok && !initial && setName(""));
      }}
    >
      <RowInput
        id={id}
        label={label}
        placeholder={label}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={m.fieldError("name") ?? m.formError(["name"])}
        className="w-64"
      />
      <Button type="submit" disabled={m.busy} className="py-1.5">
        {submit}
      </Button>
    </form>
  );
}

function TeamCard({ team, users }: { team: TeamRow; users: Person[] }) {
  const m = useMutation();
  const [renaming, setRenaming] = useState(false);
  const [userId, setUserId] = useState("");
  const candidates = users.filter((u) => !team.members.some((mem) => mem.id === u.id));
  return (
    <Card
      title={team.name}
      actions={
        <div className="flex gap-1">
          <Button
            variant="secondary"
            className="px-2 py-1 text-xs"
            onClick={() => setRenaming(!renaming)}
          >
            Rename
          </Button>
          <Button
            variant="danger"
            className="px-2 py-1 text-xs"
            disabled={m.busy}
            onClick={() => {
              if (window.confirm(`Delete team ${team.name}? Its roles on hosts go with it.`)) {
                void m.run(() => api(`/api/teams/${team.id}`, { method: "DELETE" }));
              }
            }}
          >
            Delete
          </Button>
        </div>
      }
    >
      <div className="space-y-3" data-testid="team-card">
        {renaming ? (
          <NameForm
            id={`rename-${team.id}`}
            label="Team name"
            initial={team.name}
            submit="Save"
            onSubmit={(name) =>
              api(`/api/teams/${team.id}`, { method: "PATCH", json: { name } }).then((r) => {
                setRenaming(false);
                return r;
              })
            }
          />
        ) : null}
        <p className="text-xs text-slate-500">
          {team.grants === 0
            ? "No roles on hosts yet: grant them on a host's or a host group's Access page."
            : `${team.grants} role grant(s) on hosts or host groups.`}
        </p>
        {team.members.length === 0 ? (
          <p className="text-sm text-slate-500">No members.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {team.members.map((mem) => (
              <li key={mem.id} className="flex items-center gap-2 py-1.5" data-testid="team-member">
                <span className="font-medium">{mem.name}</span>
                <span className="text-slate-500">{mem.email}</span>
                {mem.disabled ? <span className="text-xs text-red-700">disabled</span> : null}
                <Button
                  variant="secondary"
                  className="ml-auto px-2 py-0.5 text-xs"
                  disabled={m.busy}
                  onClick={() =>
                    void m.run(() =>
                      api(`/api/teams/${team.id}/members/${mem.id}`, { method: "DELETE" }),
                    )
                  }
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form
          className="flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!userId) return;
            void m
              .run(() => api(`/api/teams/${team.id}/members`, { method: "POST", json: { userId } }))
              .then((ok) => ok && setUserId(""));
          }}
        >
          <select
            aria-label={`Add a member to ${team.name}`}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
          >
            <option value="">Choose a user…</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
          <Button type="submit" className="py-1.5" disabled={m.busy || !userId}>
            Add member
          </Button>
        </form>
        {m.formError() ? <ErrorMessage>{m.formError()}</ErrorMessage> : null}
      </div>
    </Card>
  );
}

export function TeamsAdmin({ teams, users }: { teams: TeamRow[]; users: Person[] }) {
  return (
    <div className="space-y-4">
      <NameForm
        id="new-team"
        label="New team name"
        submit="Create team"
        onSubmit={(name) => api("/api/teams", { method: "POST", json: { name } })}
      />
      {teams.length === 0 ? (
        <p className="text-sm text-slate-500">No teams yet.</p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {teams.map((t) => (
            <TeamCard key={t.id} team={t} users={users} />
          ))}
        </div>
      )}
    </div>
  );
}
