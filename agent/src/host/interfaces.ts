import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { HostInterface } from "@/lib/protocol";
import { isHostInterface } from "../metrics/network";

/** Where the interfaces are read from: the real /proc, /sys and the kernel's address list. */
export interface InterfaceSources {
  proc: string;
  sys: string;
  addresses: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
}

const HOST: InterfaceSources = { proc: "/proc", sys: "/sys", addresses: os.networkInterfaces };

const IFF_UP = 0x1;
const ARPHRD_LOOPBACK = "772";
const NO_MAC = "00:00:00:00:00:00";

/** Interface names in /proc/net/dev, in the kernel's order. */
export function netDevNames(procNetDev: string): string[] {
  return procNetDev.split("\n").flatMap((line) => {
    const colon = line.indexOf(":");
    const name = colon < 0 ? "" : line.slice(0, colon).trim();
    // the two header lines have "|" where a name would be
    return name && !name.includes("|") ? [name] : [];
  });
}

const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false,
  );
const read = (p: string) =>
  fs.readFile(p, "utf8").then(
    (t) => t.trim(),
    () => "",
  );

async function kindOf(dir: string): Promise<string> {
  if ((await read(path.join(dir, "type"))) === ARPHRD_LOOPBACK) return "loopback";
  if (await exists(path.join(dir, "bridge"))) return "bridge";
  if (await exists(path.join(dir, "bonding"))) return "bond";
  if ((await exists(path.join(dir, "wireless"))) || (await exists(path.join(dir, "phy80211")))) {
    return "wireless";
  }
  if (/^DEVTYPE=vlan$/m.test(await read(path.join(dir, "uevent")))) return "vlan";
  return (await exists(path.join(dir, "device"))) ? "ethernet" : "virtual";
}

/**
 * The host's network interfaces. Names come from /proc/self/net/dev, which is always this
 * process's own network namespace; kind, state and MAC from /sys/class/net, but only when that
 * shows the same interfaces: /sys belongs to the namespace it was mounted in, so an agent started
 * into another one (`nsenter --net`) would read another host's. Then only what the kernel's
 * address list tells is given (an interface in it is up), and the kind is "unknown".
 */
export async function readHostInterfaces(
  sources: InterfaceSources = HOST,
): Promise<HostInterface[]> {
  const names = netDevNames(await fs.readFile(path.join(sources.proc, "self/net/dev"), "utf8"));
  const sysDir = path.join(sources.sys, "class/net");
  const sysNames = await fs.readdir(sysDir).catch(() => [] as string[]);
  const sysIsOurs = sysNames.length === names.length && names.every((n) => sysNames.includes(n));
  const known = sources.addresses();
  return Promise.all(
    names.map(async (name): Promise<HostInterface> => {
      const entries = known[name] ?? [];
      const addresses = entries.map((a) => ({
        address: a.address,
        prefix: Number(a.cidr?.split("/")[1] ?? 0),
        family:
          String(a.family) === "IPv4" || String(a.family) === "4" ? (4 as const) : (6 as const),
      }));
      const listedMac = entries.find((a) => a.mac !== NO_MAC)?.mac ?? null;
      const engine = name !== "lo" && !isHostInterface(name);
      if (!sysIsOurs) {
        return {
          name,
          type: entries.some((a) => a.internal) ? "loopback" : "unknown",
          up: entries.length > 0,
          engine,
          mac: listedMac,
          addresses,
        };
      }
      const dir = path.join(sysDir, name);
      const flags = Number.parseInt(await read(path.join(dir, "flags")), 16);
      const mac = await read(path.join(dir, "address"));
      return {
        name,
        type: await kindOf(dir),
        up: Number.isFinite(flags) && (flags & IFF_UP) !== 0,
        engine,
        mac: mac && mac !== NO_MAC ? mac : listedMac,
        addresses,
      };
    }),
  );
}
