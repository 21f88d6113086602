import type { PublishedPort } from "@/lib/protocol";
import { Card } from "@/components/ui/card";
import { PortLink, uniquePorts } from "../../ports";
import { arr, obj, str, type Json } from "../inspect-values";

/** Every port the container exposes, published or not, from inspect. */
function portsFromInspect(inspect: Json): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(obj(obj(inspect.NetworkSettings).Ports))) {
    const [port, type = "tcp"] = key.split("/");
    const privatePort = Number(port);
    if (!Number.isInteger(privatePort)) continue;
    const list = arr(bindings);
    if (list.length === 0) out.push({ privatePort, type });
    for (const b of list) {
      const binding = obj(b);
      const publicPort = Number(str(binding.HostPort));
      out.push({
        ...(str(binding.HostIp) ? { ip: str(binding.HostIp) } : {}),
        privatePort,
        ...(publicPort > 0 ? { publicPort } : {}),
        type,
      });
    }
  }
  return out;
}

function PortsList({
  ports,
  hostAddress,
  hostName,
}: {
  ports: PublishedPort[];
  hostAddress: string | null;
  hostName: string;
}) {
  const unique = uniquePorts(ports);
  if (unique.length === 0) return <p className="text-sm text-slate-500">No ports exposed.</p>;
  return (
    <ul className="space-y-1" data-testid="ports-list">
      {unique.map((p) => (
        <li
          key={`${p.ip}|${p.publicPort}|${p.privatePort}|${p.type}`}
          className="flex items-center gap-3 text-sm"
        >
          <PortLink port={p} hostAddress={hostAddress} hostName={hostName} />
          {p.publicPort === undefined ? (
            <span className="text-xs text-slate-400">not published</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function PortsTab({
  inspect,
  hostAddress,
  hostName,
}: {
  inspect: Json;
  hostAddress: string | null;
  hostName: string;
}) {
  return (
    <Card title="Ports">
      <PortsList ports={portsFromInspect(inspect)} hostAddress={hostAddress} hostName={hostName} />
    </Card>
  );
}
