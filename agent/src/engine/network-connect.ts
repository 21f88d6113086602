import type { CommandHandler } from "./command-types";

/** `docker network connect [--alias …] [--ip …] [--ip6 …] network container` */
export const networkConnect: CommandHandler<"network.connect"> = async (
  { network, container, aliases, ipv4Address, ipv6Address },
  { docker },
) => {
  const addresses = ipv4Address || ipv6Address;
  await docker.getNetwork(network).connect({
    Container: container,
    EndpointConfig: {
      ...(aliases.length > 0 ? { Aliases: aliases } : {}),
      ...(addresses ? { IPAMConfig: { IPv4Address: ipv4Address, IPv6Address: ipv6Address } } : {}),
    },
  });
  return { ok: true };
};
