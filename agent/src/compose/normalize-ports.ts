import type { ComposePort } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";

type Path = (string | number)[];

const PROTOCOLS = new Set(["tcp", "udp", "sctp"]);
const SHORT_PORT =
  /^(?:(?:(\[[^\]]+\]|[^:[\]]*):)?([0-9-]*):)?([0-9]+(?:-[0-9]+)?)(?:\/([a-z]+))?$/;

/**
 * Canonicalises `ports` the way compose does: `"[ip:][published:]target[/protocol]"` or a number
 * become long form, and a target range (`"3000-3002"`) becomes one entry per port, paired with
 * the published range when it has the same length.
 */
export function normalizePorts(value: unknown, path: Path): ComposePort[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ComposeFieldError(path, "ports must be a list");
  return value.flatMap((entry, index) => normalizePort(entry, [...path, index]));
}

function normalizePort(entry: unknown, path: Path): ComposePort[] {
  if (typeof entry === "number") return [{ target: checkPort(entry, path), protocol: "tcp" }];
  if (typeof entry === "string") return parseShortPort(entry, path);
  if (entry && typeof entry === "object") {
    const long = entry as Record<string, unknown>;
    const protocol = String(long.protocol ?? "tcp");
    if (!PROTOCOLS.has(protocol)) throw new ComposeFieldError(path, `invalid protocol ${protocol}`);
    return [
      {
        target: checkPort(Number(long.target), path),
        ...(long.published !== undefined && { published: String(long.published) }),
        ...(typeof long.host_ip === "string" && { hostIp: long.host_ip }),
        protocol: protocol as ComposePort["protocol"],
      },
    ];
  }
  throw new ComposeFieldError(path, "a port must be a number, a string or a mapping");
}

function parseShortPort(text: string, path: Path): ComposePort[] {
  const match = SHORT_PORT.exec(text.trim());
  if (!match) throw new ComposeFieldError(path, `invalid port "${text}"`);
  const [, hostIp, published, target = "", protocol = "tcp"] = match;
  if (!PROTOCOLS.has(protocol)) throw new ComposeFieldError(path, `invalid protocol ${protocol}`);
  const targets = range(target, path);
  const publishedRange = published ? range(published, path) : [];
  return targets.map((port, index) => {
    const pairedPublished =
      publishedRange.length === targets.length ? String(publishedRange[index]) : published;
    return {
      target: port,
      ...(pairedPublished && { published: pairedPublished }),
      ...(hostIp && { hostIp: hostIp.replace(/^\[|\]$/g, "") }),
      protocol: protocol as ComposePort["protocol"],
    };
  });
}

function range(text: string, path: Path): number[] {
  const [from, to = from] = text.split("-").map((part) => checkPort(Number(part), path));
  if (from === undefined || to === undefined || to < from)
    throw new ComposeFieldError(path, `invalid port range "${text}"`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function checkPort(port: number, path: Path): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ComposeFieldError(path, `invalid port number ${port}`);
  }
  return port;
}
