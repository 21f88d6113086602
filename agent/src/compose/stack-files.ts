import path from "node:path";

/** The files of a stack by their path in the stack's folder, and the folder compose paths start from. */
export interface StackFiles {
  /** Path in the stack's folder → content. */
  files: Map<string, string>;
  /** The first compose file's folder in the stack ("." at the top): relative paths start here, as in compose. */
  projectDir: string;
}

/** A project loaded from compose files alone has no other files. */
export const NO_FILES: StackFiles = { files: new Map(), projectDir: "." };

/**
 * A path written in a compose file as a path of the stack's folder ("." for the folder itself),
 * or an error message when it is absolute, starts with `~` or climbs out of the folder: a stack
 * reads and ships only its own files.
 */
export function resolveStackPath(
  stack: StackFiles,
  written: string,
): { path: string } | { error: string } {
  if (written.startsWith("/"))
    return { error: `${written} is an absolute path; use a path inside the stack` };
  if (written.startsWith("~"))
    return { error: `${written}: '~' is not supported; use a path inside the stack` };
  const joined = path.posix.normalize(path.posix.join(stack.projectDir, written));
  if (joined === ".." || joined.startsWith("../")) {
    return { error: `${written} is outside the stack's files` };
  }
  return { path: joined.replace(/\/$/, "") };
}
