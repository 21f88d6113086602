/**
 * Host path comparisons for the policy, by path segment: `/srv/data` holds `/srv/data/x` but not
 * `/srv/database`. Pure and browser-safe; the paths compared are the host's resolved ones.
 */

/** `/a//b/./c/` → `/a/b/c`; `..` is applied lexically (policy paths carry none). */
export function normalizeHostPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.trim().split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** True when `path` is `dir` itself or anything under it. */
export function isPathWithin(path: string, dir: string): boolean {
  const p = normalizeHostPath(path);
  const d = normalizeHostPath(dir);
  return d === "/" || p === d || p.startsWith(`${d}/`);
}

/** True when one path holds the other: a bind of either reaches what is at the deeper one. */
export function pathsOverlap(a: string, b: string): boolean {
  return isPathWithin(a, b) || isPathWithin(b, a);
}

/**
 * The paths that lie under some directory of `a` and some directory of `b`, as directories: the
 * deeper of each overlapping pair. Allowing these is allowing exactly what both lists allow.
 */
export function intersectPathLists(a: readonly string[], b: readonly string[]): string[] {
  const out = new Set<string>();
  for (const x of a.map(normalizeHostPath)) {
    for (const y of b.map(normalizeHostPath)) {
      if (isPathWithin(x, y)) out.add(x);
      else if (isPathWithin(y, x)) out.add(y);
    }
  }
  return outermost([...out]);
}

/** Drops entries that lie under another entry of the list. */
function outermost(paths: string[]): string[] {
  return paths
    .filter((p) => !paths.some((q) => q !== p && isPathWithin(p, q)))
    .sort((x, y) => x.localeCompare(y));
}
