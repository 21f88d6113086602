"use client";

import { useState } from "react";
import { REGISTRY_KIND_LABELS, type RegistryView } from "@/lib/protocol";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api, errorText } from "@/components/ui/api-client";
import { RegistryBrowser } from "./registry-browser";
import { RegistryForm } from "./registry-form";

type Team = { id: string; name: string };

function TeamGrants({
  registry,
  teams,
  onSaved,
}: {
  registry: RegistryView;
  teams: Team[];
  onSaved: (ids: string[]) => void;
}) {
  const [selected, setSelected] = useState(new Set(registry.teamIds));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed =
    selected.size !== registry.teamIds.length || registry.teamIds.some((id) => !selected.has(id));
  if (teams.length === 0)
    return <p className="text-sm text-slate-500">No teams yet: only administrators can use it.</p>;
  async function save() {
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ teamIds: string[] }>(
        `/api/registries/${encodeURIComponent(registry.id)}/teams`,
        {
          method: "PUT",
          json: { teamIds: [...selected] },
        },
      );
      onSaved(res.teamIds);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="space-y-2">
      <p className="text-xs font-semibold uppercase text-slate-500">Teams that may use it</p>
      <div className="flex flex-wrap gap-3 text-sm">
        {teams.map((t) => (
          <label key={t.id} className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={selected.has(t.id)}
              onChange={(e) => {
                const next = new Set(selected);
                if (e.target.checked) next.add(t.id);
                else next.delete(t.id);
                setSelected(next);
              }}
            />
            {t.name}
          </label>
        ))}
        {changed ? (
          <Button className="px-2 py-1 text-xs" onClick={() => void save()} disabled={busy}>
            Save teams
          </Button>
        ) : null}
      </div>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
    </div>
  );
}

/** Registries: administrators add, edit, test, grant and remove; everyone browses theirs. */
export function RegistryAdmin({
  initial,
  teams,
  canManage,
}: {
  initial: RegistryView[];
  teams: Team[];
  canManage: boolean;
}) {
  const [registries, setRegistries] = useState(initial);
  const [editing, setEditing] = useState<RegistryView | "new" | null>(null);
  const [browsing, setBrowsing] = useState<RegistryView | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function remove(registry: RegistryView) {
    if (
      !window.confirm(`Remove the registry ${registry.name}? Its stored credentials are deleted.`)
    )
      return;
    try {
      await api(`/api/registries/${encodeURIComponent(registry.id)}`, { method: "DELETE" });
      setRegistries((list) => list.filter((r) => r.id !== registry.id));
    } catch (err) {
      setError(errorText(err));
    }
  }

  const replace = (saved: RegistryView) =>
    setRegistries((list) => {
      const rest = list.filter((r) => r.id !== saved.id);
      return [...rest, saved].sort((a, b) => a.name.localeCompare(b.name));
    });

  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-2xl font-semibold">Registries</h1>
        {canManage ? (
          <Button className="ml-auto" onClick={() => setEditing("new")}>
            Add registry
          </Button>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">
        Pulls and pushes of an image named after a registry&apos;s address use its credentials.
        Passwords are stored encrypted and never shown again.
      </p>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {registries.length === 0 ? (
        <p className="text-slate-500">
          {canManage ? "No registries yet." : "No registries are shared with your teams."}
        </p>
      ) : null}
      <ul className="space-y-3">
        {registries.map((r) => (
          <li
            key={r.id}
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            data-testid="registry-row"
          >
            <div className="flex flex-wrap items-center gap-3">
              <span className="font-semibold">{r.name}</span>
              <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {REGISTRY_KIND_LABELS[r.kind]}
              </span>
              <span className="font-mono text-sm text-slate-600">{r.host}</span>
              <span className="text-sm text-slate-600">
                {r.username ? `as ${r.username}` : "anonymous"} ·{" "}
                {r.kind === "ECR"
                  ? r.passwordSet
                    ? "secret key set"
                    : "no secret key"
                  : r.passwordSet
                    ? "password set"
                    : "no password"}
              </span>
              <span className="ml-auto flex gap-2">
                <Button
                  variant="secondary"
                  className="px-2 py-1 text-xs"
                  onClick={() => setBrowsing(r)}
                >
                  Browse
                </Button>
                {canManage ? (
                  <>
                    <Button
                      variant="secondary"
                      className="px-2 py-1 text-xs"
                      onClick={() => setEditing(r)}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="danger"
                      className="px-2 py-1 text-xs"
                      onClick={() => void remove(r)}
                    >
                      Remove
                    </Button>
                  </>
                ) : null}
              </span>
            </div>
            {canManage ? (
              <TeamGrants
                key={r.teamIds.join(",")}
                registry={r}
                teams={teams}
                onSaved={(teamIds) => replace({ ...r, teamIds })}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {editing ? (
        <RegistryForm
          existing={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            replace(saved);
            setEditing(null);
          }}
        />
      ) : null}
      {browsing ? <RegistryBrowser registry={browsing} onClose={() => setBrowsing(null)} /> : null}
    </div>
  );
}
