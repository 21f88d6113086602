import path from "node:path";
import { BerthError, type ComposeBuild, type StackFile } from "@/lib/protocol";
import { TAR_END, tarEntryHeader, tarPadding } from "../../volumes/tar";

/** A fixed time on every entry: the same files give the same context (and the builder's cache). */
const CONTEXT_MTIME = 946_684_800;
/** Names for a Dockerfile given inline or lying outside the context folder. */
const INLINE_DOCKERFILE = ".berth.inline.Dockerfile";
const OUTSIDE_DOCKERFILE = ".berth.Dockerfile";

/** A folder or file of the stack, relative to the stack's folder ("" is the folder itself). */
function stackRelative(p: string, what: string): string {
  const normal = path.posix.normalize(p);
  if (
    path.posix.isAbsolute(p) ||
    normal === ".." ||
    normal.startsWith("../") ||
    /^[a-z]+:\/\//i.test(p)
  )
    throw new BerthError(
      "BAD_REQUEST",
      `The ${what} ${p} is not inside the stack's folder: build contexts and Dockerfiles are files of the stack.`,
    );
  return normal === "." ? "" : normal.replace(/\/+$/, "");
}

const under = (prefix: string, p: string) => prefix === "" || p.startsWith(`${prefix}/`);
const inside = (prefix: string, p: string) => (prefix === "" ? p : p.slice(prefix.length + 1));

function entry(name: string, content: string): Buffer[] {
  const data = Buffer.from(content, "utf8");
  return [
    tarEntryHeader({ name, type: "file", size: data.length, mode: 0o644, mtime: CONTEXT_MTIME }),
    data,
    tarPadding(data.length),
  ];
}

/**
 * The build context of a service as a tar: the stack's files under its context folder, plus the
 * Dockerfile when it is inline or outside that folder. Resolves with the Dockerfile's name in it.
 */
export function buildContextTar(
  files: StackFile[],
  build: ComposeBuild,
): { tar: Buffer; dockerfile: string } {
  const context = stackRelative(build.context, "build context");
  const parts: Buffer[] = [];
  const contextFiles = files
    .filter((f) => under(context, f.path))
    .map((f) => ({ name: inside(context, f.path), content: f.content }))
    // the .dockerignore goes first: it is read before the files it excludes
    .sort((a, b) => Number(b.name === ".dockerignore") - Number(a.name === ".dockerignore"));
  for (const file of contextFiles) parts.push(...entry(file.name, file.content));
  let dockerfile: string;
  if (build.dockerfileInline !== undefined) {
    dockerfile = INLINE_DOCKERFILE;
    parts.push(...entry(dockerfile, build.dockerfileInline));
  } else {
    const full = stackRelative(path.posix.join(context || ".", build.dockerfile), "Dockerfile");
    const file = files.find((f) => f.path === full);
    if (!file)
      throw new BerthError("NOT_FOUND", `The Dockerfile ${full} is not one of the stack's files.`);
    if (under(context, full)) dockerfile = inside(context, full);
    else {
      dockerfile = OUTSIDE_DOCKERFILE;
      parts.push(...entry(dockerfile, file.content));
    }
  }
  parts.push(TAR_END);
  return { tar: Buffer.concat(parts), dockerfile };
}
