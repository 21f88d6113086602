"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError, postJson } from "@/components/ui/api-client";
import { ErrorMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import type { ApiTokenView } from "@/lib/protocol";

const when = (ms: number | null) => (ms === null ? "never" : new Date(ms).toLocaleString());

function state(token: ApiTokenView, now: number): string {
  if (token.revokedAt !== null) return "revoked";
  if (token.expiresAt <= now) return "expired";
  return "active";
}

/** Create, list and revoke the user's own API tokens. A new token is shown once. */
export function ApiTokens({ initial }: { initial: ApiTokenView[] }) {
  const [tokens, setTokens] = useState(initial);
  const [fresh, setFresh] = useState<{ token: string; name: string } | null>(null);
  const [errors, setErrors] = useState<{ name?: string; expiresInDays?: string; form?: string }>(
    {},
  );
  const [busy, setBusy] = useState(false);
  const [now] = useState(() => Date.now());

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setErrors({});
    try {
      const issued = await postJson<{ token: string; view: ApiTokenView }>("/api/tokens", {
        name: String(form.get("name") ?? ""),
        expiresInDays: String(form.get("expiresInDays") ?? ""),
      });
      setFresh({ token: issued.token, name: issued.view.name });
      setTokens((list) => [issued.view, ...list]);
      (event.target as HTMLFormElement).reset();
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      const message = (err as Error).message.replace(/^\w+: /, "");
      setErrors(
        field === "name" || field === "expiresInDays" ? { [field]: message } : { form: message },
      );
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: string) {
    try {
      await api(`/api/tokens/${id}`, { method: "DELETE" });
      setTokens((list) => list.map((t) => (t.id === id ? { ...t, revokedAt: Date.now() } : t)));
    } catch (err) {
      setErrors({ form: (err as Error).message });
    }
  }

  return (
    <div className="space-y-4">
      <Card title="New token">
        <form onSubmit={create} className="flex flex-wrap items-start gap-3" noValidate>
          <div className="w-72">
            <Field id="name" name="name" label="Name" placeholder="ci-deploy" error={errors.name} />
          </div>
          <div className="w-40">
            <Field
              id="expiresInDays"
              name="expiresInDays"
              label="Expires in (days)"
              type="number"
              defaultValue={90}
              min={1}
              max={365}
              error={errors.expiresInDays}
            />
          </div>
          <Button type="submit" className="mt-6" disabled={busy}>
            Create token
          </Button>
        </form>
        {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
        {fresh ? (
          <div className="mt-4 space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
            <p>
              Token <strong>{fresh.name}</strong> created. Copy it now: it is not shown again.
            </p>
            <pre
              data-testid="new-token"
              className="whitespace-pre-wrap break-all rounded bg-slate-900 p-2 font-[family-name:var(--font-geist-mono)] text-xs text-emerald-200"
            >
              {fresh.token}
            </pre>
          </div>
        ) : null}
      </Card>
      <Card title="Your tokens">
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-500">No tokens yet.</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="token-list">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1 font-medium">Name</th>
                <th className="py-1 font-medium">Starts with</th>
                <th className="py-1 font-medium">Created</th>
                <th className="py-1 font-medium">Expires</th>
                <th className="py-1 font-medium">Last used</th>
                <th className="py-1 font-medium">State</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-t border-slate-100" data-testid="token-row">
                  <td className="py-2">{token.name}</td>
                  <td className="py-2 font-[family-name:var(--font-geist-mono)] text-xs">
                    {token.prefix}…
                  </td>
                  <td className="py-2">{when(token.createdAt)}</td>
                  <td className="py-2">{when(token.expiresAt)}</td>
                  <td className="py-2">{when(token.lastUsedAt)}</td>
                  <td className="py-2">{state(token, now)}</td>
                  <td className="py-2 text-right">
                    {token.revokedAt === null ? (
                      <Button variant="secondary" onClick={() => void revoke(token.id)}>
                        Revoke
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
