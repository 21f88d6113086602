import zlib from "node:zlib";
import { VOLUME_ROOT } from "../volumes/helper-container";
import { ZLIB_CHUNK_BYTES } from "../volumes/tar-streams";
import { createVolumeHelper } from "../volumes/volume-helper";
import { helperStream } from "./helper-stream";
import type { StreamOpener } from "./stream-types";

/**
 * The whole volume as a .tar.gz: the engine's archive endpoint reads it from a read-only helper
 * (owners, modes, symlinks and empty folders as they are; the root folder's too), compressed here
 * on zlib's worker threads.
 */
export const volumeBackup: StreamOpener<"volume.backup"> = async (params, ctx) => {
  const helper = await createVolumeHelper(ctx, params, { readOnly: true });
  return helperStream(helper, async () => [
    await helper.getArchive(`${VOLUME_ROOT}/.`),
    zlib.createGzip({ level: 6, chunkSize: ZLIB_CHUNK_BYTES }),
  ]);
};
