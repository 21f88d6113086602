import Link from "next/link";
import {
  ContainerStateSchema,
  type ComposeContainer,
  type ComposeProjectSummary,
  type PublishedPort,
} from "@/lib/protocol";
import { detailsHref } from "@/components/containers/urls";
import { PortLink, uniquePorts } from "@/components/containers/ports";
import { HealthText, StateBadge } from "@/components/containers/state-badge";
import { Button } from "@/components/ui/button";

const publishedPorts = (c: ComposeContainer): PublishedPort[] =>
  uniquePorts(
    c.ports.map((p) => ({
      ip: p.hostIp,
      privatePort: p.target,
      publicPort: p.published,
      type: p.protocol,
    })),
  );

function ContainerRow({
  container,
  hostId,
  host,
}: {
  container: ComposeContainer;
  hostId: string;
  host: { name: string; address: string | null };
}) {
  const state = ContainerStateSchema.safeParse(container.state);
  return (
    <tr
      className="border-t border-slate-100"
      data-testid="stack-container"
      data-container={container.name}
    >
      <td className="px-3 py-1.5">
        <Link
          href={detailsHref(hostId, container.id)}
          className="font-mono text-xs text-sky-800 hover:underline"
        >
          {container.name}
        </Link>
      </td>
      <td className="px-3 py-1.5">
        {state.success ? (
          <StateBadge state={state.data} />
        ) : (
          <span className="text-xs">{container.state}</span>
        )}
        <span className="ml-2 text-xs text-slate-500">{container.status}</span>
      </td>
      <td className="px-3 py-1.5">
        <HealthText health={container.health ?? "none"} />
      </td>
      <td className="px-3 py-1.5">
        <span className="flex flex-wrap gap-2">
          {publishedPorts(container).map((p) => (
            <PortLink
              key={`${p.ip ?? ""}:${p.publicPort ?? ""}:${p.privatePort}/${p.type}`}
              port={p}
              hostAddress={host.address}
              hostName={host.name}
            />
          ))}
        </span>
      </td>
      <td className="px-3 py-1.5 font-mono text-xs text-slate-600">{container.image}</td>
    </tr>
  );
}

/** The project as it runs on the host: per service its containers, then networks and volumes. */
export function ServicesTab({
  project,
  hostId,
  host,
  canDeploy,
  busy,
  onRestart,
}: {
  project: ComposeProjectSummary | null;
  hostId: string;
  host: { name: string; address: string | null };
  canDeploy: boolean;
  busy: boolean;
  onRestart: (service: string) => void;
}) {
  if (!project)
    return (
      <p className="text-sm text-slate-500">
        The host is offline or nothing of this stack runs on it yet.
      </p>
    );
  return (
    <div className="space-y-4">
      {project.services.map((service) => (
        <section
          key={service.name}
          className="rounded-lg border border-slate-200 bg-white shadow-sm"
          data-testid="stack-service"
          data-service={service.name}
        >
          <header className="flex items-center gap-3 border-b border-slate-100 px-4 py-2">
            <h3 className="font-semibold">{service.name}</h3>
            <span className="font-mono text-xs text-slate-500">{service.image}</span>
            <span className="text-xs text-slate-500">
              {service.containers.filter((c) => c.state === "running").length}/
              {service.containers.length} running
            </span>
            {canDeploy ? (
              <Button
                variant="secondary"
                className="ml-auto px-2 py-1 text-xs"
                disabled={busy}
                onClick={() => onRestart(service.name)}
              >
                Restart {service.name}
              </Button>
            ) : null}
          </header>
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-500 uppercase">
              <tr>
                <th className="px-3 py-1.5">Container</th>
                <th className="px-3 py-1.5">State</th>
                <th className="px-3 py-1.5">Health</th>
                <th className="px-3 py-1.5">Ports</th>
                <th className="px-3 py-1.5">Image</th>
              </tr>
            </thead>
            <tbody>
              {service.containers.length === 0 ? (
                <tr>
                  <td colSpan={5} className="px-3 py-2 text-slate-500">
                    No containers.
                  </td>
                </tr>
              ) : null}
              {service.containers.map((c) => (
                <ContainerRow key={c.id} container={c} hostId={hostId} host={host} />
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <div className="grid gap-4 md:grid-cols-2 text-sm">
        <section data-testid="stack-networks">
          <h3 className="mb-1 font-semibold text-slate-700">Networks</h3>
          {project.networks.length === 0 ? <p className="text-slate-500">None.</p> : null}
          <ul>
            {project.networks.map((n) => (
              <li key={n.name}>
                <Link
                  href={`/hosts/${encodeURIComponent(hostId)}/networks/${encodeURIComponent(n.name)}`}
                  className="font-mono text-xs text-sky-800 hover:underline"
                >
                  {n.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <section data-testid="stack-volumes">
          <h3 className="mb-1 font-semibold text-slate-700">Volumes</h3>
          {project.volumes.length === 0 ? <p className="text-slate-500">None.</p> : null}
          <ul>
            {project.volumes.map((v) => (
              <li key={v.name}>
                <Link
                  href={`/hosts/${encodeURIComponent(hostId)}/volumes/${encodeURIComponent(v.name)}`}
                  className="font-mono text-xs text-sky-800 hover:underline"
                >
                  {v.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
