import type { CommandHandler } from "./command-types";

/** An attachable overlay network on a manager: services and plain containers may both join. */
export const swarmNetworkCreate: CommandHandler<"swarm.networkCreate"> = async ({ spec }, ctx) => {
  const created = await ctx.docker.createNetwork({
    Name: spec.name,
    CheckDuplicate: true,
    Driver: "overlay",
    Attachable: true,
    Options: spec.encrypted ? { encrypted: "" } : {},
    IPAM: { Driver: "default", Config: spec.subnet ? [{ Subnet: spec.subnet }] : [] },
  });
  ctx.swarmChanged?.();
  return { id: created.id, name: spec.name };
};
