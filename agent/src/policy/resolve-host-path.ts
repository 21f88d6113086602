import { promises as fs } from "node:fs";
import path from "node:path";
import { BerthError } from "@/lib/protocol";

/** As the kernel's limit on symlinks followed in one lookup. */
const MAX_SYMLINKS = 40;

const components = (p: string) => p.split("/").filter((c) => c !== "" && c !== ".");

/**
 * What an absolute path really is on this host, walked one component at a time as the kernel
 * would: symlinks (dangling ones too) followed, `..` applied to the real directory it climbs out
 * of. A component that does not exist yet counts as the directory the engine would create there,
 * so the answer is where a bind of the path would land, with no symlink and no `..` left in it.
 */
export async function resolveHostPath(input: string): Promise<string> {
  const pending = components(input);
  let current = "/";
  let followed = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === "..") {
      current = path.posix.dirname(current);
      continue;
    }
    const next = path.posix.join(current, part);
    let isLink = false;
    try {
      isLink = (await fs.lstat(next)).isSymbolicLink();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw err;
    }
    if (!isLink) {
      current = next;
      continue;
    }
    if (++followed > MAX_SYMLINKS) {
      throw new BerthError("BAD_REQUEST", `${input} leads into a loop of symlinks on the host.`);
    }
    const target = await fs.readlink(next);
    pending.unshift(...components(target));
    if (target.startsWith("/")) current = "/";
  }
  return current;
}

/** True when `p` is `dir` itself or anything under it (by path segment). */
export function isWithin(p: string, dir: string): boolean {
  return dir === "/" || p === dir || p.startsWith(`${dir}/`);
}
