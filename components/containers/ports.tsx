import type { PublishedPort } from "@/lib/protocol";

const WILDCARDS = new Set(["", "0.0.0.0", "::", "[::]"]);

/** The engine lists a port once per address family; show each mapping once. */
export function uniquePorts(ports: readonly PublishedPort[]): PublishedPort[] {
  const seen = new Set<string>();
  const out: PublishedPort[] = [];
  const sorted = [...ports].sort(
    (a, b) =>
      Number(a.publicPort === undefined) - Number(b.publicPort === undefined) ||
      a.privatePort - b.privatePort ||
      Number((a.ip ?? "").includes(":")) - Number((b.ip ?? "").includes(":")),
  );
  for (const port of sorted) {
    const wildcard = WILDCARDS.has(port.ip ?? "");
    const key = `${wildcard ? "*" : port.ip}|${port.publicPort ?? ""}|${port.privatePort}|${port.type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(port);
  }
  return out;
}

export function portLabel(port: PublishedPort): string {
  const proto = `${port.privatePort}/${port.type}`;
  if (port.publicPort === undefined) return proto;
  const ip = port.ip && port.ip.includes(":") ? `[${port.ip}]` : (port.ip ?? "");
  return `${ip ? `${ip}:` : ""}${port.publicPort}→${proto}`;
}

/** Where a browser reaches a published port: the host's address, or its name. */
export function portUrl(port: PublishedPort, hostAddress: string | null, hostName: string): string {
  const specific =
    port.ip && !WILDCARDS.has(port.ip) && !port.ip.startsWith("127.") ? port.ip : null;
  const host = specific ?? hostAddress ?? hostName;
  const shown = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${shown}:${port.publicPort}`;
}

export function PortLink({
  port,
  hostAddress,
  hostName,
  className = "",
}: {
  port: PublishedPort;
  hostAddress: string | null;
  hostName: string;
  className?: string;
}) {
  const label = portLabel(port);
  if (port.publicPort === undefined || port.type !== "tcp") {
    return <span className={`font-mono text-xs text-slate-500 ${className}`}>{label}</span>;
  }
  return (
    <a
      href={portUrl(port, hostAddress, hostName)}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="container-port"
      className={`font-mono text-xs text-sky-700 hover:underline ${className}`}
      onClick={(e) => e.stopPropagation()}
    >
      {label}
    </a>
  );
}
