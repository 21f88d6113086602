import path from "node:path";
import { Readable } from "node:stream";
import { BerthError } from "@/lib/protocol";
import { TAR_END, tarEntryHeader } from "../volumes/tar";
import { onVolume } from "../volumes/volume-helper";
import { resolveInVolume } from "../volumes/volume-path";
import type { CommandHandler } from "./command-types";

/** A new folder (owned by root, 0755), put there by the engine's archive endpoint: no process. */
export const volumeMkdir: CommandHandler<"volume.mkdir"> = async (params, ctx) => {
  const result = await onVolume(ctx, params, { readOnly: false }, async (helper) => {
    const parent = await resolveInVolume(helper, params.path);
    if (parent.type !== "dir") {
      throw new BerthError("BAD_REQUEST", `${parent.rel} is not a folder.`, "path");
    }
    const rel = path.posix.join(parent.rel, params.dirName);
    if (await helper.stat(path.posix.join(parent.abs, params.dirName))) {
      throw new BerthError("CONFLICT", `${rel} already exists.`, "dirName");
    }
    const header = tarEntryHeader({
      name: `${params.dirName}/`,
      type: "dir",
      size: 0,
      mode: 0o755,
      mtime: Math.floor(Date.now() / 1000),
    });
    await helper.putArchive(parent.abs, Readable.from([header, TAR_END]));
    return { path: rel };
  });
  ctx.volumesChanged?.();
  return result;
};
