"use client";

import { useState } from "react";
import type { MaskedEnv } from "@/lib/containers/secret-env";
import { ErrorMessage } from "@/components/ui/alert";
import { api, errorText } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table } from "../table";

export function EnvTab({
  base,
  env,
  canReveal,
}: {
  base: string;
  env: MaskedEnv[];
  canReveal: boolean;
}) {
  const [revealed, setRevealed] = useState<MaskedEnv[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = revealed ?? env;
  const hasSecrets = env.some((e) => e.secret);
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setRevealed((await api<{ env: MaskedEnv[] }>(`${base}/env?reveal=1`)).env);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title="Environment"
      actions={
        hasSecrets && canReveal ? (
          revealed ? (
            <Button variant="secondary" onClick={() => setRevealed(null)} data-testid="env-hide">
              Hide secrets
            </Button>
          ) : (
            <Button
              variant="secondary"
              onClick={() => void reveal()}
              disabled={busy}
              data-testid="env-reveal"
            >
              {busy ? "Revealing…" : "Reveal secrets"}
            </Button>
          )
        ) : null
      }
    >
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <Table
        head={["Name", "Value"]}
        rows={shown.map((e) => [
          <span key="n" className="font-mono text-xs">
            {e.name}
            {e.secret ? (
              <span className="ml-2 rounded bg-amber-100 px-1 text-[10px] font-medium text-amber-800">
                secret
              </span>
            ) : null}
          </span>,
          <span key="v" className="font-mono text-xs" data-testid="env-value">
            {e.value ?? "••••••"}
          </span>,
        ])}
        empty="No environment variables."
        testId="env-table"
      />
      {hasSecrets && !canReveal ? (
        <p className="mt-2 text-xs text-slate-500">
          Secret values stay hidden: revealing them needs the operator role.
        </p>
      ) : null}
    </Card>
  );
}
