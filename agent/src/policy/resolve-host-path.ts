import { promises as fs } from "node:fs";
import path from "node:path";
import { BerthError } from "@/lib/protocol";

/**
 * What an absolute path really is on this host, as the kernel would follow it: symlinks resolved
 * and `..` applied to the real directory it climbs out of. A path that does not exist yet is the
 * real path of its deepest existing ancestor plus the rest, so a bind the engine creates lands
 * where the answer says.
 */
export async function resolveHostPath(input: string): Promise<string> {
  const parts = input.split("/").filter((p) => p !== "" && p !== ".");
  for (let keep = parts.length; keep >= 0; keep -= 1) {
    // realpath on the raw prefix lets the kernel apply `..` after each symlink, as a mount would
    const prefix = `/${parts.slice(0, keep).join("/")}`;
    let real: string;
    try {
      real = await fs.realpath(prefix);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") continue;
      if (code === "ELOOP") {
        throw new BerthError("BAD_REQUEST", `${input} leads into a loop of symlinks on the host.`);
      }
      throw err;
    }
    return path.posix.resolve(real, ...parts.slice(keep));
  }
  return "/";
}

/** True when `p` is `dir` itself or anything under it (by path segment). */
export function isWithin(p: string, dir: string): boolean {
  return dir === "/" || p === dir || p.startsWith(`${dir}/`);
}
