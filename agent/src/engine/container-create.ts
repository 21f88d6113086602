import { refuseProtectedMounts } from "../policy/refuse-protected-mounts";
import type { CommandHandler } from "./command-types";
import { createFromSpec } from "./create-from-spec";

/** Pulls the image if missing (progress when the call has a callId), creates, starts. */
export const containerCreate: CommandHandler<"container.create"> = async (
  { spec, allowProtectedPaths },
  ctx,
) => {
  await refuseProtectedMounts(spec, allowProtectedPaths, ctx);
  return createFromSpec(spec, ctx);
};
