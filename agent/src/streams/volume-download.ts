import { BerthError } from "@/lib/protocol";
import { FirstFileData } from "../volumes/tar-streams";
import { createVolumeHelper } from "../volumes/volume-helper";
import { resolveInVolume } from "../volumes/volume-path";
import { helperStream } from "./helper-stream";
import type { StreamOpener } from "./stream-types";

/**
 * A file's bytes, or a folder as a tar, read by the engine's archive endpoint from a read-only
 * helper (no process runs); the helper goes when the stream ends or is cancelled.
 */
export const volumeDownload: StreamOpener<"volume.download"> = async (params, ctx) => {
  const helper = await createVolumeHelper(ctx, params, { readOnly: true });
  return helperStream(helper, async () => {
    const found = await resolveInVolume(helper, params.path);
    const wanted = params.as === "file" ? "file" : "dir";
    if (found.type !== wanted) {
      throw new BerthError(
        "BAD_REQUEST",
        `${found.rel || "/"} is not a ${wanted === "file" ? "file" : "folder"}.`,
        "path",
      );
    }
    const tar = await helper.getArchive(found.abs);
    return params.as === "file" ? [tar, new FirstFileData()] : [tar];
  });
};
