/** An IPv4 or IPv6 address as a number, for subnet arithmetic. */
export type IpAddress = { family: 4 | 6; value: bigint };

/** A subnet in CIDR notation: its first address and prefix length. */
export type Cidr = { family: 4 | 6; base: bigint; prefix: number };

const BITS = { 4: 32, 6: 128 } as const;

function parseIPv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIPv6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (half: string): bigint[] | null => {
    if (half === "") return [];
    const out: bigint[] = [];
    const items = half.split(":");
    for (const [i, item] of items.entries()) {
      if (item.includes(".")) {
        // an IPv4 address only as the last two groups
        const v4 = i === items.length - 1 ? parseIPv4(item) : null;
        if (v4 === null) return null;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(item)) {
        out.push(BigInt(`0x${item}`));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = groupsOf(halves[0] ?? "");
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? "") : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  return groups.reduce((value, group) => (value << 16n) | group, 0n);
}

export function parseIp(text: string): IpAddress | null {
  const v4 = parseIPv4(text);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = parseIPv6(text);
  return v6 === null ? null : { family: 6, value: v6 };
}

/** "10.1.0.0/16" → its base and prefix; null when it is not a subnet in CIDR notation. */
export function parseCidr(text: string): (Cidr & { hostBitsSet: boolean }) | null {
  const slash = text.indexOf("/");
  if (slash < 0) return null;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > BITS[ip.family]) return null;
  const base = ip.value & mask(ip.family, prefix);
  return { family: ip.family, base, prefix, hostBitsSet: base !== ip.value };
}

function mask(family: 4 | 6, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  const all = (1n << bits) - 1n;
  return (all >> BigInt(prefix)) ^ all;
}

function lastAddress(cidr: Cidr): bigint {
  return cidr.base | (((1n << BigInt(BITS[cidr.family])) - 1n) >> BigInt(cidr.prefix));
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  return ip.family === cidr.family && ip.value >= cidr.base && ip.value <= lastAddress(cidr);
}

/** `inner` lies wholly inside `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return (
    inner.family === outer.family &&
    inner.prefix >= outer.prefix &&
    cidrContains(outer, {
      family: inner.family,
      value: inner.base,
    })
  );
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.base <= lastAddress(b) && b.base <= lastAddress(a);
}

/** The subnet written with its host bits cleared, e.g. "10.1.2.3/16" → "10.1.0.0/16". */
export function formatCidr(cidr: Cidr): string {
  return `${formatIp({ family: cidr.family, value: cidr.base })}/${cidr.prefix}`;
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join(".");
  }
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) =>
    ((ip.value >> shift) & 0xffffn).toString(16),
  );
  // the longest run of two or more zero groups becomes "::"
  let best = { at: -1, length: 1 };
  for (let i = 0; i < groups.length;) {
    let j = i;
    while (groups[j] === "0") j += 1;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.at < 0) return groups.join(":");
  const head = groups.slice(0, best.at).join(":");
  const tail = groups.slice(best.at + best.length).join(":");
  return `${head}::${tail}`;
}
