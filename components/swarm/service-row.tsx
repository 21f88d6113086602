"use client";

import { useState } from "react";
import type { ServiceSummary } from "@/lib/protocol";
import type { ClusterSwarm } from "@/lib/services/swarm/get-cluster";
import { errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { INPUT_CLASS } from "@/components/ui/controls";
import { ServiceLogs } from "./service-logs";

const TASK_STYLE: Record<string, string> = {
  running: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
  rejected: "bg-red-100 text-red-900",
};

/** One service across the node columns: its tasks per node, and scale, image, rollback, logs. */
export function ServiceRow({
  service,
  swarm,
  onChanged,
  onError,
}: {
  service: ServiceSummary;
  swarm: ClusterSwarm;
  onChanged: () => void;
  onError: (message: string | null) => void;
}) {
  const [replicas, setReplicas] = useState(String(service.replicas ?? ""));
  const [image, setImage] = useState(service.image);
  const [logs, setLogs] = useState(false);
  const [busy, setBusy] = useState(false);
  const hostId = swarm.managerHostId;
  const act = async (action: string, body: Record<string, unknown> = {}, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    onError(null);
    try {
      await postJson(`/api/swarm/${action}`, { hostId, service: service.name, ...body });
      onChanged();
    } catch (err) {
      onError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const small = "px-2 py-1 text-xs";
  return (
    <>
      <div className="space-y-1 p-2 text-sm" data-testid={`service-${service.name}`}>
        <div className="font-medium">{service.name}</div>
        <div className="text-xs break-all text-slate-500">{service.image}</div>
        <div className="text-xs text-slate-600">
          {service.mode === "global" ? "global" : `${service.running}/${service.replicas} running`}
          {service.updateState ? ` · update ${service.updateState}` : ""}
        </div>
        {service.ports.length > 0 ? (
          <div className="text-xs text-slate-500">
            {service.ports.map((p) => `${p.hostPort}→${p.containerPort}`).join(", ")} (host)
          </div>
        ) : null}
        <div className="grid grid-cols-[minmax(0,1fr)_auto] gap-1 pt-1">
          {service.mode === "replicated" ? (
            <>
              <input
                aria-label={`Replicas of ${service.name}`}
                className={`${INPUT_CLASS} border-slate-300 py-1 text-xs`}
                inputMode="numeric"
                value={replicas}
                onChange={(e) => setReplicas(e.target.value)}
              />
              <Button
                variant="secondary"
                className={small}
                disabled={busy}
                onClick={() => act("service-update", { change: { replicas: Number(replicas) } })}
              >
                Scale
              </Button>
            </>
          ) : null}
          <input
            aria-label={`Image of ${service.name}`}
            title={image}
            className={`${INPUT_CLASS} border-slate-300 py-1 text-xs`}
            value={image}
            onChange={(e) => setImage(e.target.value)}
          />
          <Button
            variant="secondary"
            className={small}
            disabled={busy || image === service.image}
            onClick={() => act("service-update", { change: { image } })}
          >
            Update
          </Button>
        </div>
        <div className="flex flex-wrap gap-1">
          {service.previousImage ? (
            <Button
              variant="secondary"
              className={small}
              disabled={busy}
              onClick={() => act("service-rollback")}
            >
              Roll back
            </Button>
          ) : null}
          <Button variant="secondary" className={small} onClick={() => setLogs((v) => !v)}>
            {logs ? "Hide logs" : "Logs"}
          </Button>
          <Button
            variant="secondary"
            className={small}
            disabled={busy}
            onClick={() =>
              act("service-remove", {}, `Remove the service ${service.name} and its tasks?`)
            }
          >
            Remove
          </Button>
        </div>
      </div>
      {swarm.nodes.map((node) => {
        const tasks = service.tasks.filter((t) => t.nodeId === node.id);
        return (
          <div
            key={node.id}
            className="space-y-1 p-2"
            data-testid={`tasks-${service.name}-${node.hostName ?? node.hostname}`}
          >
            {tasks.map((t) => (
              <div
                key={t.id}
                className={`rounded px-1.5 py-0.5 text-xs ${TASK_STYLE[t.state] ?? "bg-slate-100 text-slate-700"}`}
                title={t.error || t.message}
              >
                {service.name}
                {t.slot !== null ? `.${t.slot}` : ""} {t.state}
                {t.desiredState === "shutdown" ? " → shutdown" : ""}
                {t.error ? <div className="text-red-800">{t.error}</div> : null}
              </div>
            ))}
          </div>
        );
      })}
      {logs && hostId ? <ServiceLogs hostId={hostId} service={service.name} /> : null}
    </>
  );
}
