import { BerthError } from "@/lib/protocol";

type Operation = "create" | "connect" | "disconnect";

/** The engine's words for each operation, and the form field they are about. */
const FIELDS: Record<Operation, Array<[RegExp, string]>> = {
  create: [
    [/already exists/i, "name"],
    [/ipv6 address pool|ipv6 is not enabled/i, "enableIPv6"],
    [/parent|subinterface|vlan/i, "parent"],
    [/existing interface|bridge name/i, "options"],
    [/pool|subnet|gateway|ip range|ipam|address/i, "ipam"],
    [/ipvlan|macvlan|driver|plugin/i, "driver"],
  ],
  connect: [
    [
      /no such container|container .* not found|already exists in network|endpoint with name/i,
      "container",
    ],
    [/user specified ip|address|subnet/i, "address"],
    [/alias/i, "aliases"],
    [/network/i, "network"],
  ],
  disconnect: [
    [/not connected|no such container|container .* not found/i, "container"],
    [/network/i, "network"],
  ],
};

/**
 * Points an engine refusal of a network operation at the form field it is about, so the form
 * shows it there. "address" is the static address the caller gave: IPv4 unless only IPv6 was.
 * A create names nothing that could be missing: the engine's "not found" (no free address pool)
 * is a request it cannot meet as asked.
 */
export function withNetworkErrorField(
  err: unknown,
  operation: Operation,
  gave: { ipv4Address?: string; ipv6Address?: string } = {},
): unknown {
  if (!(err instanceof BerthError) || err.field) return err;
  if (!["ENGINE_ERROR", "CONFLICT", "NOT_FOUND", "BAD_REQUEST"].includes(err.code)) return err;
  const match = FIELDS[operation].find(([pattern]) => pattern.test(err.message));
  if (!match) return err;
  const field =
    match[1] === "address"
      ? gave.ipv6Address && !gave.ipv4Address
        ? "ipv6Address"
        : "ipv4Address"
      : match[1];
  const code = operation === "create" && err.code === "NOT_FOUND" ? "BAD_REQUEST" : err.code;
  return new BerthError(code, err.message, field, { external: err.external });
}
