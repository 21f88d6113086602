import { Readable } from "node:stream";
import { BerthError, type ComposeFileMount } from "@/lib/protocol";
import { putArchive } from "../../volumes/engine-archive";
import { TAR_END, tarEntryHeader, tarPadding } from "../../volumes/tar";

/** Configs are read-only for everyone unless the file says otherwise (as in compose). */
const DEFAULT_MODE = 0o444;
/** The largest id a classic tar header holds (7 octal digits). */
const MAX_TAR_ID = 0o7777777;

function numericId(value: string | undefined, what: string, file: ComposeFileMount): number {
  if (value === undefined) return 0;
  const id = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id > MAX_TAR_ID) {
    throw new BerthError(
      "BAD_REQUEST",
      `The ${file.kind} ${file.name} has ${what} "${value}": give a numeric id (up to ${MAX_TAR_ID}).`,
    );
  }
  return id;
}

/** One tar holding every file at its target path, with its mode and owner. */
function fileMountsTar(files: ComposeFileMount[]): Buffer {
  const mtime = Math.floor(Date.now() / 1000);
  const parts: Buffer[] = [];
  for (const file of files) {
    const data = Buffer.from(file.content, "utf8");
    parts.push(
      tarEntryHeader({
        name: file.target.replace(/^\/+/, ""),
        type: "file",
        size: data.length,
        mode: file.mode ?? DEFAULT_MODE,
        mtime,
        uid: numericId(file.uid, "uid", file),
        gid: numericId(file.gid, "gid", file),
      }),
      data,
      tarPadding(data.length),
    );
  }
  parts.push(TAR_END);
  return Buffer.concat(parts);
}

/**
 * Copies a service's configs and secrets into a created container before it starts, through the
 * engine's archive endpoint (missing folders on the way are made by the engine).
 */
export async function copyFileMounts(
  socketPath: string,
  containerId: string,
  files: ComposeFileMount[],
): Promise<void> {
  if (files.length === 0) return;
  await putArchive(socketPath, containerId, "/", Readable.from([fileMountsTar(files)]));
}
