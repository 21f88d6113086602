"use client";

import { useEffect, useState } from "react";
import type { RegistryView } from "@/lib/protocol";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { api, errorText } from "@/components/ui/api-client";

/** A v2 registry's repositories (its catalog) and each one's tags. */
export function RegistryBrowser({
  registry,
  onClose,
}: {
  registry: RegistryView;
  onClose: () => void;
}) {
  const base = `/api/registries/${encodeURIComponent(registry.id)}`;
  const [repositories, setRepositories] = useState<string[] | null>(null);
  const [repository, setRepository] = useState("");
  const [tags, setTags] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const prefix = registry.host === "docker.io" ? "" : `${registry.host}/`;

  useEffect(() => {
    if (registry.kind === "DOCKER_HUB") return;
    api<{ repositories: string[] }>(`${base}/repositories`).then(
      (res) => setRepositories(res.repositories),
      (err: unknown) => setError(errorText(err)),
    );
  }, [base, registry.kind]);

  async function open(repo: string) {
    setRepository(repo);
    setTags(null);
    setError(null);
    try {
      const res = await api<{ tags: string[] }>(
        `${base}/tags?repository=${encodeURIComponent(repo)}`,
      );
      setTags(res.tags);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Dialog title={`Browse ${registry.name}`} onClose={onClose} testId="registry-browser" wide>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void open(repository.trim());
        }}
      >
        <div className="flex-1">
          <Field
            id="browse-repository"
            label="Repository"
            placeholder={registry.kind === "DOCKER_HUB" ? "library/nginx" : "team/app"}
            value={repository}
            onChange={(e) => setRepository(e.target.value)}
          />
        </div>
        <Button type="submit" disabled={!repository.trim()}>
          Show tags
        </Button>
      </form>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <div className="grid gap-4 md:grid-cols-2">
        {registry.kind !== "DOCKER_HUB" ? (
          <div>
            <h3 className="mb-1 text-sm font-semibold text-slate-700">Repositories</h3>
            {repositories === null && !error ? (
              <p className="text-sm text-slate-500">Loading…</p>
            ) : null}
            {repositories?.length === 0 ? (
              <p className="text-sm text-slate-500">The registry is empty.</p>
            ) : null}
            <ul
              className="max-h-80 space-y-0.5 overflow-auto text-sm"
              data-testid="registry-repositories"
            >
              {repositories?.map((r) => (
                <li key={r}>
                  <button
                    className="font-mono text-sky-800 hover:underline"
                    onClick={() => void open(r)}
                  >
                    {r}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {tags ? (
          <div>
            <h3 className="mb-1 text-sm font-semibold text-slate-700">Tags of {repository}</h3>
            <ul className="max-h-80 space-y-0.5 overflow-auto text-sm" data-testid="registry-tags">
              {tags.length === 0 ? <li className="text-slate-500">No tags.</li> : null}
              {tags.map((t) => (
                <li key={t} className="font-mono text-slate-800">
                  {prefix}
                  {repository}:{t}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <div className="flex justify-end">
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
