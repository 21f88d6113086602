/** Set by server.ts on every request from the TCP peer's address, replacing any sent by a client. */
export const CLIENT_ADDRESS_HEADER = "x-berth-client-address";

/** "::ffff:10.0.0.5" → "10.0.0.5": IPv4 clients read as IPv4 in the audit log. */
export function plainAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

/**
 * The caller's address for the audit log: the first X-Forwarded-For entry when Berth runs behind
 * a reverse proxy it trusts (BERTH_TRUST_PROXY=1), otherwise the address the connection came from.
 */
export function clientAddressFrom(
  header: (name: string) => string | null | undefined,
): string | undefined {
  if (process.env.BERTH_TRUST_PROXY === "1") {
    const forwarded = header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return header(CLIENT_ADDRESS_HEADER) || undefined;
}

/**
 * The same for a socket.io handshake. Its request never passed server.ts's handler, so the
 * connection's own address stands in for CLIENT_ADDRESS_HEADER (a client-sent one is ignored).
 */
export function handshakeClientAddress(handshake: {
  address: string;
  headers: Record<string, string | string[] | undefined>;
}): string | undefined {
  return clientAddressFrom((name) => {
    if (name === CLIENT_ADDRESS_HEADER) return plainAddress(handshake.address);
    const value = handshake.headers[name];
    return Array.isArray(value) ? value[0] : value;
  });
}
