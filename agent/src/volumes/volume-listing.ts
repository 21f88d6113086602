import { MAX_LISTED_ENTRIES, type VolumeEntry } from "@/lib/protocol";

/**
 * busybox `stat -c` format of one listed entry: a record mark, raw mode (hex), size, uid, gid,
 * mtime, the path, a separator, then the path again with a symlink's target. Names may hold any
 * byte but NUL (spaces, newlines), so records are found by the marks, not by lines.
 */
const MARK = "\u0001";
const SEP = "\u0002";
export const LISTING_FORMAT = `${MARK}%f %s %u %g %Y %n${SEP}%N`;

const S_IFMT = 0o170000;

function typeOf(mode: number): VolumeEntry["type"] {
  switch (mode & S_IFMT) {
    case 0o040000:
      return "dir";
    case 0o100000:
      return "file";
    case 0o120000:
      return "symlink";
    default:
      return "other";
  }
}

/** argv that lists a folder's entries (not recursing) in LISTING_FORMAT. */
export function listingCommand(dir: string): string[] {
  return [
    "find",
    dir,
    "-mindepth",
    "1",
    "-maxdepth",
    "1",
    "-exec",
    "stat",
    "-c",
    LISTING_FORMAT,
    "{}",
    "+",
  ];
}

/** The entries of `dir` from the listing command's output: folders first, then by name. */
export function parseListing(
  output: string,
  dir: string,
): { entries: VolumeEntry[]; truncated: boolean } {
  const prefix = `${dir}/`;
  const entries: VolumeEntry[] = [];
  for (const record of output.split(MARK)) {
    if (!record) continue;
    const sep = record.indexOf(SEP);
    if (sep < 0) continue;
    const head = record.slice(0, sep);
    const fields = head.split(" ");
    if (fields.length < 6) continue;
    const [hex, size, uid, gid, mtime] = fields;
    const full = fields.slice(5).join(" ");
    if (!full.startsWith(prefix)) continue;
    const mode = parseInt(hex!, 16);
    const type = typeOf(mode);
    // %N is "'<path>' -> '<target>'" for a symlink; the path is known, so the target is what follows
    const quoted = record.slice(sep + 1).replace(/\n$/, "");
    const linkHead = `'${full}' -> '`;
    const linkTarget =
      type === "symlink" && quoted.startsWith(linkHead) && quoted.endsWith("'")
        ? quoted.slice(linkHead.length, -1)
        : null;
    entries.push({
      name: full.slice(prefix.length),
      type,
      size: Number(size),
      mode: mode & 0o7777,
      uid: Number(uid),
      gid: Number(gid),
      modifiedAt: Number(mtime) * 1000,
      linkTarget,
    });
  }
  entries.sort((a, b) =>
    a.type === "dir" && b.type !== "dir"
      ? -1
      : b.type === "dir" && a.type !== "dir"
        ? 1
        : a.name.localeCompare(b.name),
  );
  return {
    entries: entries.slice(0, MAX_LISTED_ENTRIES),
    truncated: entries.length > MAX_LISTED_ENTRIES,
  };
}
