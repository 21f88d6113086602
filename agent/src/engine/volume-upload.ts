import { randomBytes } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
import { BerthError } from "@/lib/protocol";
import { describeError, log } from "../log";
import { TAR_END, tarEntryHeader, tarPadding } from "../volumes/tar";
import { onVolume } from "../volumes/volume-helper";
import { resolveInVolume } from "../volumes/volume-path";
import type { CommandHandler } from "./command-types";

/** The upload as one tar entry of exactly `size` bytes; fewer or more fail the stream. */
async function* asTarEntry(upload: Readable, name: string, size: number): AsyncGenerator<Buffer> {
  yield tarEntryHeader({
    name,
    type: "file",
    size,
    mode: 0o644,
    mtime: Math.floor(Date.now() / 1000),
  });
  let received = 0;
  for await (const chunk of upload as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > size)
      throw new BerthError("BAD_REQUEST", "The upload is longer than announced.");
    yield chunk;
  }
  if (received < size) {
    throw new BerthError("BAD_REQUEST", `The upload ended after ${received} of ${size} bytes.`);
  }
  yield tarPadding(size);
  yield TAR_END;
}

/**
 * One file into a folder of the volume. The engine's archive endpoint writes it under a temporary
 * name and `mv` puts it in place once it is complete, so a failed upload never leaves half a file
 * (nor half-replaces an existing one).
 */
export const volumeUpload: CommandHandler<"volume.upload"> = async (params, ctx) => {
  if (!ctx.takeUpload) throw new BerthError("INTERNAL", "This agent cannot receive uploads.");
  const upload = ctx.takeUpload(params.uploadId);
  try {
    // writing into folders of other owners (and sticky ones) takes these
    const mode = { readOnly: false, capAdd: ["DAC_OVERRIDE", "FOWNER"] };
    const result = await onVolume(ctx, params, mode, async (helper) => {
      const folder = await resolveInVolume(helper, params.path);
      if (folder.type !== "dir") {
        throw new BerthError("BAD_REQUEST", `${folder.rel || "/"} is not a folder.`, "path");
      }
      const rel = path.posix.join(folder.rel, params.fileName);
      const target = path.posix.join(folder.abs, params.fileName);
      const existing = await helper.stat(target);
      if (existing && existing.mode >= 2 ** 31) {
        throw new BerthError("CONFLICT", `${rel} is a folder.`, "fileName");
      }
      if (existing && !params.overwrite) {
        throw new BerthError("CONFLICT", `${rel} already exists.`, "fileName");
      }
      const temporary = path.posix.join(
        folder.abs,
        `.berth-upload-${randomBytes(6).toString("hex")}`,
      );
      await helper.start();
      try {
        await helper.putArchive(
          folder.abs,
          Readable.from(asTarEntry(upload, path.posix.basename(temporary), params.size)),
        );
        await helper.exec(["mv", "-f", temporary, target]);
      } catch (err) {
        await helper
          .exec(["rm", "-f", temporary])
          .catch((e: unknown) => log.warn(`upload leftover not removed: ${describeError(e)}`));
        throw err;
      }
      return { path: rel };
    });
    ctx.volumesChanged?.();
    return result;
  } finally {
    upload.destroy();
  }
};
