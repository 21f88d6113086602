/**
 * True when a name (a container or network id, an image reference with its `/`s, ...) stays one
 * place when it is put into an Engine API path: no empty, `.` or `..` segment. The engine reads
 * `%2F` as `/` and answers a path it would clean (`/networks/../containers/x`, `a//b`) with a
 * redirect to somewhere else; names must never get that far.
 */
export function isPathSafeName(name: string): boolean {
  return name.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}
