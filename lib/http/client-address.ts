/**
 * Header the custom server sets on every request to the peer address of the TCP connection,
 * replacing whatever a client sent under that name.
 */
export const PEER_ADDRESS_HEADER = "x-berth-peer-address";

/**
 * The client's address for lockout and audit. X-Forwarded-For is believed only behind a proxy the
 * operator declared (BERTH_TRUST_PROXY=1): otherwise any client could pick its own address and
 * slip past the per-address lockout.
 */
export function clientAddressFrom(
  get: (name: string) => string | null | undefined,
): string | undefined {
  if (process.env.BERTH_TRUST_PROXY === "1") {
    const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return get(PEER_ADDRESS_HEADER) || undefined;
}
