"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAllows } from "@/lib/auth/permissions";
import type { NetworkContainer } from "@/lib/protocol";
import type { NetworkDetail } from "@/lib/services/networks/get-network";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { errorText, postJson } from "@/components/ui/api-client";
import { formatDateTime } from "@/components/ui/format";
import { JsonTree } from "@/components/ui/json-tree";
import { detailsHref } from "@/components/containers/urls";
import { useHostChangeFeed } from "@/components/ui/use-host-change-feed";
import { networksApi } from "./api";
import { ConnectForm } from "./connect-form";
import { NetworkFlags } from "./network-flags";

/** Networks a container joins only when it is created (--network host|none): never connected. */
const CREATE_ONLY = new Set(["host", "null"]);

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-all text-slate-800">{children}</dd>
    </div>
  );
}

function Pairs({ values, testId }: { values: Record<string, string>; testId: string }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <p className="text-sm text-slate-500">None.</p>;
  return (
    <dl data-testid={testId}>
      {entries.map(([k, v]) => (
        <Row key={k} label={k}>
          <span className="font-mono text-xs">{v}</span>
        </Row>
      ))}
    </dl>
  );
}

/** One network: its settings and addresses, its containers with connect and disconnect. */
export function NetworkDetails({
  hostId,
  hostName,
  detail,
}: {
  hostId: string;
  hostName: string;
  detail: NetworkDetail;
}) {
  const router = useRouter();
  const { network } = detail;
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const canManage = roleAllows(detail.role, "network.manage");

  useHostChangeFeed("networksChanged", (changed) => {
    if (changed === null || changed === hostId) router.refresh();
  });

  async function disconnect(c: NetworkContainer) {
    setBusy(c.id);
    setError(null);
    setNotice(null);
    try {
      await postJson(networksApi(hostId, "disconnect"), {
        network: network.id,
        container: c.id,
        force,
      });
      setNotice(`Disconnected ${c.name} from ${network.name}.`);
      router.refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    setError(null);
    try {
      await postJson(networksApi(hostId, "remove"), { network: network.id });
      router.push("/networks");
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-all" data-testid="network-name">
          {network.name}
        </h1>
        <span className="text-sm text-slate-500">
          {network.driver} network on {hostName}
        </span>
        {network.builtIn ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
            built-in: cannot be removed
          </span>
        ) : null}
        <div className="ml-auto flex gap-2">
          {canManage && !network.builtIn ? (
            <Button
              variant="danger"
              onClick={() => {
                if (window.confirm(`Remove the network ${network.name}?`)) void remove();
              }}
            >
              Remove network
            </Button>
          ) : null}
        </div>
      </div>
      {notice ? <SuccessMessage testId="notice">{notice}</SuccessMessage> : null}
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Network">
          <dl>
            <Row label="Id">
              <code className="font-mono text-xs">{network.id}</code>
            </Row>
            <Row label="Driver">
              {network.driver}
              {network.options.parent ? ` on ${network.options.parent}` : ""}
              {network.options.ipvlan_mode ? ` (${network.options.ipvlan_mode})` : ""}
            </Row>
            <Row label="Scope">{network.scope}</Row>
            <Row label="Created">{network.createdAt ? formatDateTime(network.createdAt) : "—"}</Row>
            <Row label="Flags">
              <NetworkFlags network={network} />
            </Row>
          </dl>
        </Card>
        <Card title="Addresses (IPAM)">
          {network.ipam.length === 0 ? (
            <p className="text-sm text-slate-500">No subnets.</p>
          ) : (
            <table className="w-full text-sm" data-testid="network-ipam">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1">Subnet</th>
                  <th className="py-1">Gateway</th>
                  <th className="py-1">IP range</th>
                </tr>
              </thead>
              <tbody className="font-mono text-xs">
                {network.ipam.map((p) => (
                  <tr key={p.subnet} className="border-t border-slate-100">
                    <td className="py-1">{p.subnet}</td>
                    <td className="py-1">{p.gateway ?? "—"}</td>
                    <td className="py-1">{p.ipRange ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>

      <Card
        title={`Containers (${network.containers.length})`}
        actions={
          canManage && network.containers.length > 0 ? (
            <label className="flex items-center gap-2 text-xs text-slate-600">
              <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
              Force (also a stale endpoint)
            </label>
          ) : null
        }
      >
        {network.containers.length === 0 ? (
          <p className="text-sm text-slate-500">No container is connected.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="network-container-table">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-2 py-1">Container</th>
                  <th className="px-2 py-1">State</th>
                  <th className="px-2 py-1">IPv4</th>
                  <th className="px-2 py-1">IPv6</th>
                  <th className="px-2 py-1">MAC</th>
                  <th className="px-2 py-1">Aliases</th>
                  <th className="px-2 py-1" />
                </tr>
              </thead>
              <tbody>
                {network.containers.map((c) => (
                  <tr
                    key={c.id}
                    className="border-t border-slate-100"
                    data-testid="network-container"
                    data-container={c.name}
                  >
                    <td className="px-2 py-1">
                      <Link
                        href={detailsHref(hostId, c.id)}
                        className="text-sky-800 hover:underline"
                      >
                        {c.name}
                      </Link>
                    </td>
                    <td className="px-2 py-1 text-slate-600">{c.state}</td>
                    <td className="px-2 py-1 font-mono text-xs">{c.ipv4Address || "—"}</td>
                    <td className="px-2 py-1 font-mono text-xs">{c.ipv6Address || "—"}</td>
                    <td className="px-2 py-1 font-mono text-xs">{c.macAddress || "—"}</td>
                    <td className="px-2 py-1 text-xs">{c.aliases.join(", ") || "—"}</td>
                    <td className="px-2 py-1 text-right">
                      {canManage && !CREATE_ONLY.has(network.driver) ? (
                        <Button
                          variant="secondary"
                          className="px-2 py-1 text-xs"
                          disabled={busy === c.id}
                          onClick={() => void disconnect(c)}
                        >
                          Disconnect
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {canManage ? (
        <Card title="Connect a container">
          {CREATE_ONLY.has(network.driver) ? (
            <p className="text-sm text-slate-600">
              Containers join the {network.name} network only when they are created with it
              (--network {network.name}); the engine connects none later.
            </p>
          ) : (
            <ConnectForm
              hostId={hostId}
              network={network}
              connected={network.containers.map((c) => c.id)}
              onConnected={(message) => {
                setNotice(message);
                setError(null);
                router.refresh();
              }}
            />
          )}
        </Card>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Driver options">
          <Pairs values={network.options} testId="network-options" />
        </Card>
        <Card title="Labels">
          <Pairs values={network.labels} testId="network-labels" />
        </Card>
      </div>

      <Card title="Inspect">
        <JsonTree value={detail.inspect} />
      </Card>
    </div>
  );
}
