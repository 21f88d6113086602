"use client";

import { useEffect, useState } from "react";
import type { ContainerPage } from "@/lib/services/containers/list-containers";
import { ApiError, api, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/alert";
import { networksApi } from "./api";

type Errors = Partial<Record<"container" | "aliases" | "ipv4Address" | "ipv6Address", string>>;
const FIELDS = ["container", "aliases", "ipv4Address", "ipv6Address"] as const;

/** `docker network connect`: pick a container of the host, with aliases and static addresses. */
export function ConnectForm({
  hostId,
  network,
  connected,
  onConnected,
}: {
  hostId: string;
  network: { id: string; name: string };
  /** Ids of the containers already on the network: not offered. */
  connected: readonly string[];
  onConnected: (message: string) => void;
}) {
  const [choices, setChoices] = useState<Array<{ id: string; name: string; state: string }>>([]);
  const [container, setContainer] = useState("");
  const [aliases, setAliases] = useState("");
  const [ipv4Address, setIpv4] = useState("");
  const [ipv6Address, setIpv6] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const connectedKey = connected.join(",");
  useEffect(() => {
    let live = true;
    const query = new URLSearchParams({ host: hostId, sort: "name", limit: "500" });
    api<ContainerPage>(`/api/containers?${query.toString()}`).then(
      (page) => {
        if (!live) return;
        const on = new Set(connectedKey.split(","));
        setChoices(page.items.filter((c) => !on.has(c.id)));
      },
      (err: unknown) => {
        if (live) setError(errorText(err));
      },
    );
    return () => {
      live = false;
    };
  }, [hostId, connectedKey]);

  async function connect(event: React.FormEvent) {
    event.preventDefault();
    setErrors({});
    setError(null);
    if (!container) {
      setErrors({ container: "Pick a container." });
      return;
    }
    setBusy(true);
    try {
      await postJson(networksApi(hostId, "connect"), {
        network: network.id,
        container,
        aliases: aliases
          .split(/[\s,]+/)
          .map((a) => a.trim())
          .filter(Boolean),
        ...(ipv4Address.trim() ? { ipv4Address: ipv4Address.trim() } : {}),
        ...(ipv6Address.trim() ? { ipv6Address: ipv6Address.trim() } : {}),
      });
      const name = choices.find((c) => c.id === container)?.name ?? container;
      onConnected(`Connected ${name} to ${network.name}.`);
      setContainer("");
      setAliases("");
      setIpv4("");
      setIpv6("");
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      const known = FIELDS.find((f) => f === field);
      if (known) setErrors({ [known]: errorText(err) });
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="space-y-3" onSubmit={(e) => void connect(e)} data-testid="connect-form">
      <div className="grid items-start gap-3 md:grid-cols-[1.3fr_1.3fr_1fr_1fr]">
        <SelectField
          id="container"
          label="Container"
          value={container}
          error={errors.container}
          onChange={(e) => setContainer(e.target.value)}
        >
          <option value="">Pick a container</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.state})
            </option>
          ))}
        </SelectField>
        <Field
          id="aliases"
          label="Aliases (comma separated)"
          placeholder="api, api.internal"
          value={aliases}
          error={errors.aliases}
          onChange={(e) => setAliases(e.target.value)}
        />
        <Field
          id="ipv4Address"
          label="Static IPv4 (optional)"
          placeholder="10.20.0.5"
          value={ipv4Address}
          error={errors.ipv4Address}
          onChange={(e) => setIpv4(e.target.value)}
        />
        <Field
          id="ipv6Address"
          label="Static IPv6 (optional)"
          placeholder="fd00:20::5"
          value={ipv6Address}
          error={errors.ipv6Address}
          onChange={(e) => setIpv6(e.target.value)}
        />
      </div>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <Button type="submit" disabled={busy}>
        {busy ? "Connecting…" : "Connect"}
      </Button>
    </form>
  );
}
