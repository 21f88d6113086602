import { Transform } from "node:stream";
import zlib from "node:zlib";
import { BerthError } from "@/lib/protocol";
import { restoreInto } from "../volumes/restore-into";
import { ZLIB_CHUNK_BYTES } from "../volumes/tar-streams";
import type { CommandHandler } from "./command-types";
import { ProgressThrottle } from "./progress-throttle";

/**
 * A backup (.tar.gz) from an upload into an empty or a new volume, with the compressed bytes read
 * as progress. See restoreInto for the checks and for what a failure leaves behind.
 */
export const volumeRestore: CommandHandler<"volume.restore"> = async (params, ctx) => {
  if (!ctx.takeUpload) throw new BerthError("INTERNAL", "This agent cannot receive uploads.");
  const upload = ctx.takeUpload(params.uploadId);
  const throttle = ctx.emitProgress ? new ProgressThrottle(ctx.emitProgress) : null;
  let read = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length;
      throttle?.push({ phase: "restore", status: "Restoring", current: read });
      done(null, chunk);
    },
  });
  const gunzip = zlib.createGunzip({ chunkSize: ZLIB_CHUNK_BYTES });
  upload.on("error", (err) => gunzip.destroy(err));
  counted.on("error", (err) => gunzip.destroy(err));
  try {
    return await restoreInto(ctx, params, upload.pipe(counted).pipe(gunzip));
  } finally {
    throttle?.flush();
    upload.destroy();
    ctx.volumesChanged?.();
  }
};
