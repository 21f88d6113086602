export interface NetCounters {
  rxBytes: number;
  txBytes: number;
}

/**
 * Interfaces whose traffic is the host's own: not loopback, and not Docker's virtual plumbing
 * (veth pairs, docker0, user-defined network bridges br-<id>, docker_gwbridge), whose bytes
 * would otherwise be counted a second and third time on their way through the real interface.
 */
export function isHostInterface(name: string): boolean {
  return !(
    name === "lo" ||
    name.startsWith("veth") ||
    name === "docker0" ||
    name === "docker_gwbridge" ||
    /^br-[0-9a-f]{12}$/.test(name)
  );
}

/** Sums receive/transmit byte counters of /proc/net/dev over the interfaces that count. */
export function parseNetDev(
  procNetDev: string,
  counts: (name: string) => boolean = isHostInterface,
): NetCounters {
  let rxBytes = 0;
  let txBytes = 0;
  for (const line of procNetDev.split("\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    // "Inter-|   Receive ..." and " face |bytes ..." headers have no interface name before ':'
    if (!name || name.includes("|") || !counts(name)) continue;
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    // receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes ...
    rxBytes += Number(fields[0]) || 0;
    txBytes += Number(fields[8]) || 0;
  }
  return { rxBytes, txBytes };
}

/** Per-second rate of a counter; 0 when the counter went back (interface gone, wrap). */
export function ratePerSecond(prev: number, cur: number, seconds: number): number {
  if (seconds <= 0 || cur < prev) return 0;
  return Math.round((cur - prev) / seconds);
}
