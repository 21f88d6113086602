import type Docker from "dockerode";
import { BerthError } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";

type Inspect = { Version?: { Index?: number }; Spec: object; PreviousSpec?: object };

/** `docker service rollback`: back to the spec before the last update, under its rollback policy. */
export const serviceRollback: CommandHandler<"service.rollback"> = async ({ id }, ctx) => {
  const service = ctx.docker.getService(id);
  const current = (await service.inspect()) as Inspect;
  if (!current.PreviousSpec) {
    throw new BerthError(
      "CONFLICT",
      "This service was never updated: there is nothing to roll back to.",
    );
  }
  await service.update({
    version: current.Version?.Index ?? 0,
    rollback: "previous",
    ...current.Spec,
  } as unknown as Docker.ServiceSpec);
  ctx.swarmChanged?.();
  return { ok: true };
};
