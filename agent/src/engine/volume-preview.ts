import { BerthError, PREVIEW_BYTES } from "@/lib/protocol";
import { FirstFileData } from "../volumes/tar-streams";
import { onVolume } from "../volumes/volume-helper";
import { resolveInVolume } from "../volumes/volume-path";
import type { CommandHandler } from "./command-types";

/** Bytes of text checked for NUL: a file with one there is binary. */
const SNIFF_BYTES = 8 * 1024;

/** True when the bytes are not UTF-8 text (a multibyte character cut at the end is fine). */
function isBinary(data: Buffer, cut: boolean): boolean {
  if (data.subarray(0, SNIFF_BYTES).includes(0)) return true;
  const whole = cut ? data.subarray(0, Math.max(0, data.length - 3)) : data;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(whole);
    return false;
  } catch {
    return true;
  }
}

/** The start of a file as text (the engine's archive endpoint reads it: no process runs). */
export const volumePreview: CommandHandler<"volume.preview"> = async (params, ctx) =>
  onVolume(ctx, params, { readOnly: true }, async (helper) => {
    const file = await resolveInVolume(helper, params.path);
    if (file.type !== "file") {
      throw new BerthError("BAD_REQUEST", `${file.rel || "/"} is not a file.`, "path");
    }
    const tar = await helper.getArchive(file.abs);
    const parts: Buffer[] = [];
    try {
      for await (const chunk of tar.pipe(
        new FirstFileData(PREVIEW_BYTES),
      ) as AsyncIterable<Buffer>) {
        parts.push(chunk);
      }
    } finally {
      tar.destroy();
    }
    const data = Buffer.concat(parts);
    const truncated = file.stat.size > data.length;
    const binary = isBinary(data, truncated);
    return {
      path: file.rel,
      size: file.stat.size,
      binary,
      truncated,
      text: binary ? "" : new TextDecoder("utf-8").decode(data),
    };
  });
