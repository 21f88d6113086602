"use client";

import { useState } from "react";
import type { Cluster, ClusterSwarm } from "@/lib/services/swarm/get-cluster";
import { roleAllows } from "@/lib/auth/permissions";
import { ErrorMessage } from "@/components/ui/alert";
import { errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NodeHeader } from "./node-header";
import { OverlayNetworkForm } from "./overlay-network-form";
import { ServiceForm } from "./service-form/service-form";
import { ServiceRow } from "./service-row";
import { quorumWords } from "./quorum";
import { useCluster } from "./use-cluster";

/** The fleet as swarms: nodes as columns, overlay networks as spans across the hosts they reach. */
export function ClusterView() {
  const { cluster, error, reload } = useCluster();
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  if (!cluster) {
    return error ? <ErrorMessage>{error}</ErrorMessage> : <p className="text-sm">Loading…</p>;
  }
  const outside = cluster.hosts.filter((h) => h.swarm === null);
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Cluster</h1>
        <Button onClick={() => setCreating((c) => !c)} variant={creating ? "secondary" : "primary"}>
          {creating ? "Close" : "New overlay network"}
        </Button>
      </div>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {actionError ? <ErrorMessage>{actionError}</ErrorMessage> : null}
      {creating ? <OverlayNetworkForm cluster={cluster} onCreated={reload} /> : null}
      {cluster.swarms.length === 0 ? (
        <p className="text-sm text-slate-600">
          No host is in a swarm yet. Create an overlay network across hosts and Berth forms one.
        </p>
      ) : null}
      {cluster.swarms.map((swarm) => (
        <SwarmCard
          key={swarm.id}
          swarm={swarm}
          cluster={cluster}
          onChanged={reload}
          onError={setActionError}
        />
      ))}
      {outside.length > 0 ? (
        <Card title="Hosts outside a swarm">
          <ul className="divide-y divide-slate-100 text-sm" data-testid="outside-hosts">
            {outside.map((h) => (
              <li key={h.id} className="flex justify-between py-1.5">
                <span className="font-medium">{h.name}</span>
                <span className="text-slate-500">
                  {!h.online ? "offline" : (h.swarmState ?? "unknown")}
                  {h.error ? ` · ${h.error}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

function SwarmCard({
  swarm,
  cluster,
  onChanged,
  onError,
}: {
  swarm: ClusterSwarm;
  cluster: Cluster;
  onChanged: () => void;
  onError: (message: string | null) => void;
}) {
  const quorum = quorumWords(swarm.managers);
  const [newService, setNewService] = useState(false);
  const hostOf = (id: string | null) => cluster.hosts.find((h) => h.id === id);
  const columns = `18rem repeat(${Math.max(swarm.nodes.length, 1)}, minmax(10rem, 1fr))`;
  const remove = async (network: string) => {
    if (!window.confirm(`Remove the overlay network ${network}?`)) return;
    onError(null);
    try {
      await postJson("/api/swarm/network-remove", { hostId: swarm.managerHostId, network });
      onChanged();
    } catch (err) {
      onError(errorText(err));
    }
  };
  const manager = hostOf(swarm.managerHostId);
  const canRemove = manager !== undefined && roleAllows(manager.role, "network.manage");
  return (
    <Card title={`Swarm ${swarm.id.slice(0, 12)}`}>
      <div className="space-y-3" data-testid="swarm">
        {swarm.error ? <ErrorMessage>{swarm.error}</ErrorMessage> : null}
        {swarm.managerHostId ? (
          <p className={`text-sm ${quorum.bad ? "text-amber-800" : "text-slate-600"}`}>
            {quorum.text} Berth drives it through {swarm.managerHostName}.
          </p>
        ) : null}
        <div className="overflow-x-auto">
          <div className="grid min-w-max" style={{ gridTemplateColumns: columns }}>
            <div className="p-2 text-xs font-semibold text-slate-500 uppercase">Nodes</div>
            {swarm.nodes.map((node) => (
              <div key={node.id} className="border-l border-slate-100">
                <NodeHeader
                  node={node}
                  host={hostOf(node.hostId)}
                  onChanged={onChanged}
                  onError={onError}
                />
              </div>
            ))}
            <div
              className="border-t border-slate-200 p-2 text-xs font-semibold text-slate-500 uppercase"
              style={{ gridColumn: "1 / -1" }}
            >
              Overlay networks
            </div>
            {swarm.networks.length === 0 ? (
              <p className="p-2 text-sm text-slate-500" style={{ gridColumn: "1 / -1" }}>
                None yet.
              </p>
            ) : null}
            {swarm.networks.map((network) => (
              <div key={network.id} className="contents" data-testid={`network-${network.name}`}>
                <div className="flex items-start justify-between gap-2 p-2 text-sm">
                  <div>
                    <div className="font-medium">{network.name}</div>
                    <div className="text-xs text-slate-500">
                      {network.subnets.join(", ")}
                      {network.encrypted ? " · encrypted" : ""}
                    </div>
                  </div>
                  {canRemove ? (
                    <button
                      type="button"
                      className="text-xs text-red-700 hover:underline"
                      onClick={() => remove(network.name)}
                      aria-label={`Remove ${network.name}`}
                    >
                      Remove
                    </button>
                  ) : null}
                </div>
                {swarm.nodes.map((node, i) => {
                  const here = network.hosts.find((h) => h.hostId === node.hostId);
                  const prev = swarm.nodes[i - 1];
                  const next = swarm.nodes[i + 1];
                  const reaches = (n: typeof node | undefined) =>
                    n !== undefined && network.hosts.some((h) => h.hostId === n.hostId);
                  return (
                    <div key={node.id} className="py-2">
                      {here ? (
                        <div
                          className={`min-h-8 bg-sky-200 px-2 py-1 text-xs text-sky-950 ${reaches(prev) ? "" : "ml-1 rounded-l-md"} ${reaches(next) ? "" : "mr-1 rounded-r-md"}`}
                          data-testid={`span-${network.name}-${node.hostName ?? node.hostname}`}
                        >
                          {here.containers.length === 0 ? (
                            <span className="text-sky-800">no containers</span>
                          ) : (
                            here.containers.map((c) => (
                              <div key={c.id}>
                                {c.name}
                                <span className="text-sky-800"> {c.ipv4Address}</span>
                              </div>
                            ))
                          )}
                        </div>
                      ) : (
                        <div className="mx-1 min-h-8 rounded-md border border-dashed border-slate-200" />
                      )}
                    </div>
                  );
                })}
              </div>
            ))}
            <div
              className="flex items-center justify-between border-t border-slate-200 p-2"
              style={{ gridColumn: "1 / -1" }}
            >
              <span className="text-xs font-semibold text-slate-500 uppercase">Services</span>
              {swarm.managerHostId ? (
                <Button
                  variant="secondary"
                  className="px-2 py-1 text-xs"
                  onClick={() => setNewService((v) => !v)}
                >
                  {newService ? "Close" : "New service"}
                </Button>
              ) : null}
            </div>
            {newService ? (
              // no width of its own (its long messages would widen every column): the grid's
              <div style={{ gridColumn: "1 / -1" }} className="w-0 min-w-full">
                <ServiceForm swarm={swarm} onCreated={onChanged} />
              </div>
            ) : null}
            {swarm.services.length === 0 ? (
              <p className="p-2 text-sm text-slate-500" style={{ gridColumn: "1 / -1" }}>
                None yet. Services use dnsrr endpoints and publish ports on the host their task runs
                on.
              </p>
            ) : null}
            {swarm.services.map((service) => (
              <ServiceRow
                key={service.id}
                service={service}
                swarm={swarm}
                onChanged={onChanged}
                onError={onError}
              />
            ))}
          </div>
        </div>
      </div>
    </Card>
  );
}
