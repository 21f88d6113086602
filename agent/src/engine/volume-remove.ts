import { BerthError } from "@/lib/protocol";
import { describeUsers, inspectVolume, volumeUsers } from "../volumes/volume-summary";
import type { CommandHandler } from "./command-types";

/** `docker volume rm`, refused while containers (running or stopped) use the volume, naming them. */
export const volumeRemove: CommandHandler<"volume.remove"> = async ({ name }, ctx) => {
  await inspectVolume(ctx.docker, name);
  const users = (await volumeUsers(ctx.docker)).get(name) ?? [];
  if (users.length > 0) {
    throw new BerthError(
      "CONFLICT",
      `The volume ${name} is in use by ${users.length === 1 ? "the container" : "the containers"} ${describeUsers(users)}: remove ${users.length === 1 ? "it" : "them"} first.`,
    );
  }
  await ctx.docker.getVolume(name).remove();
  return { ok: true };
};
