/**
 * The place to go after signing in, when `value` names a page of this site: a path, read the way
 * a browser reads it against `origin` (backslashes, tabs and newlines included, which browsers
 * turn into or drop from `//host`). Returns the path as the browser would request it, or null
 * for anything that leaves the origin or is not a path.
 */
export function sameOriginPath(value: string | null | undefined, origin: string): string | null {
  if (!value || !value.startsWith("/")) return null;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "//x" as a path is a host to the next reader: such a result is refused as well.
  return path.startsWith("//") ? null : path;
}
