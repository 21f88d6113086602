import { onVolume } from "../volumes/volume-helper";
import { resolveInVolume } from "../volumes/volume-path";
import type { CommandHandler } from "./command-types";

/** What a path in a volume is (before a download names its file). */
export const volumeStat: CommandHandler<"volume.stat"> = async (params, ctx) =>
  onVolume(ctx, params, { readOnly: true }, async (helper) => {
    const found = await resolveInVolume(helper, params.path);
    return {
      path: found.rel,
      name: found.rel.split("/").pop() || params.name,
      type: found.type,
      size: found.stat.size,
    };
  });
