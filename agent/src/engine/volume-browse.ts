import { BerthError } from "@/lib/protocol";
import { onVolume } from "../volumes/volume-helper";
import { listingCommand, parseListing } from "../volumes/volume-listing";
import { resolveInVolume } from "../volumes/volume-path";
import type { CommandHandler } from "./command-types";

/**
 * A folder's entries (size, mode, owner, modified, symlink targets). Listing needs a process
 * (`find` and `stat` in the helper, read-only, able to read every folder but to change nothing).
 */
export const volumeBrowse: CommandHandler<"volume.browse"> = async (params, ctx) =>
  onVolume(ctx, params, { readOnly: true, capAdd: ["DAC_READ_SEARCH"] }, async (helper) => {
    const folder = await resolveInVolume(helper, params.path);
    if (folder.type !== "dir") {
      throw new BerthError("BAD_REQUEST", `${folder.rel} is not a folder.`, "path");
    }
    await helper.start();
    const output = await helper.exec(listingCommand(folder.abs));
    return { path: folder.rel, ...parseListing(output.toString("utf8"), folder.abs) };
  });
