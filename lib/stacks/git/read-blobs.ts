import type { GitSession } from "./git-session";

/** The contents of blobs by object id, read in one `git cat-file --batch`. */
export async function readBlobs(
  session: GitSession,
  gitDir: string,
  oids: readonly string[],
): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  const blobs = new Map<string, Buffer>();
  if (unique.length === 0) return blobs;
  const out = await session.git([`--git-dir=${gitDir}`, "cat-file", "--batch"], {
    stdin: `${unique.join("\n")}\n`,
  });
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const [oid = "", type = "", size = ""] = out.subarray(at, eol).toString("latin1").split(" ");
    at = eol + 1;
    if (type === "missing") continue;
    const length = Number(size);
    blobs.set(oid, out.subarray(at, at + length));
    at += length + 1;
  }
  return blobs;
}
