import { BerthError } from "@/lib/protocol";
import { readHostInterfaces } from "../host/interfaces";

/**
 * The engine takes any address to advertise, and a node advertising one it does not have joins
 * but can never be reached: its overlay traffic goes nowhere. Only the host's own addresses pass.
 */
export async function checkAdvertiseAddress(address: string): Promise<void> {
  const interfaces = await readHostInterfaces();
  const own = interfaces
    .filter((i) => i.type !== "loopback" && !i.engine)
    .flatMap((i) => i.addresses.filter((a) => a.family === 4).map((a) => a.address));
  if (own.includes(address)) return;
  throw new BerthError(
    "BAD_REQUEST",
    `${address} is not an address of this host${own.length ? ` (it has ${own.join(", ")})` : ""}: other nodes could not reach it there.`,
    "advertiseAddr",
  );
}
