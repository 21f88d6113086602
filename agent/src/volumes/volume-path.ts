import path from "node:path";
import { BerthError, volumePathParts, type VolumeEntry } from "@/lib/protocol";
import { isDirMode, isFileMode, isSymlinkMode, type PathStat } from "./engine-archive";
import { VOLUME_ROOT, type HelperContainer } from "./helper-container";

export interface VolumePath {
  /** Relative to the volume's root, symlinks inside the volume followed ("" is the root). */
  rel: string;
  /** The same path in the helper container. */
  abs: string;
  stat: PathStat;
  type: VolumeEntry["type"];
}

const within = (abs: string) => abs === VOLUME_ROOT || abs.startsWith(`${VOLUME_ROOT}/`);

export function entryType(stat: PathStat): VolumeEntry["type"] {
  if (isDirMode(stat.mode)) return "dir";
  if (isSymlinkMode(stat.mode)) return "symlink";
  return isFileMode(stat.mode) ? "file" : "other";
}

/**
 * Finds a path in the volume one component at a time through the engine's stat of the helper
 * (HEAD on its archive endpoint: no process runs). A symlink is followed only while it leads to
 * somewhere inside the volume; one that leads out is refused, so nothing outside the volume (the
 * helper's own files) is ever read or written through it.
 */
export async function resolveInVolume(helper: HelperContainer, input: string): Promise<VolumePath> {
  let parts: string[];
  try {
    parts = volumePathParts(input);
  } catch (err) {
    throw new BerthError("BAD_REQUEST", (err as Error).message, "path");
  }
  const shown = parts.join("/") || "/";
  const missing = () =>
    new BerthError("NOT_FOUND", `No such file or folder in the volume: ${shown}`);
  let abs = VOLUME_ROOT;
  let stat = await helper.stat(abs);
  if (!stat) throw missing();
  for (const [i, part] of parts.entries()) {
    if (!isDirMode(stat.mode)) {
      throw new BerthError("NOT_FOUND", `${parts.slice(0, i).join("/")} is not a folder.`);
    }
    abs = path.posix.join(abs, part);
    stat = await helper.stat(abs);
    if (!stat) throw missing();
    if (isSymlinkMode(stat.mode)) {
      const target = path.posix.normalize(stat.linkTarget || "/");
      if (!within(target)) {
        throw new BerthError(
          "FORBIDDEN",
          `${parts.slice(0, i + 1).join("/")} is a symlink that leads out of the volume; it is not followed.`,
          "path",
        );
      }
      abs = target;
      stat = await helper.stat(abs);
      if (!stat) {
        throw new BerthError(
          "NOT_FOUND",
          `${parts.slice(0, i + 1).join("/")} is a broken symlink.`,
        );
      }
    }
  }
  return { rel: abs.slice(VOLUME_ROOT.length + 1), abs, stat, type: entryType(stat) };
}
