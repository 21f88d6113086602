/**
 * A fresh id the browser tags a long operation with (progress and cancel). crypto.randomUUID
 * exists only in secure contexts: Berth opened over plain HTTP on a LAN address has none.
 */
export function newCallId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
