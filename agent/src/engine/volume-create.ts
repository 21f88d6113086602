import { createCheckedVolume } from "../volumes/create-volume";
import type { CommandHandler } from "./command-types";

/** `docker volume create` (see createCheckedVolume for what is refused). */
export const volumeCreate: CommandHandler<"volume.create"> = async (params, ctx) => ({
  name: await createCheckedVolume(ctx, params),
});
