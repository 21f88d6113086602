const SECRET_KEY =
  /pass(word|phrase)|^pass$|secret|token|credential|private.?key|api.?key|^authorization$/i;

/** A copy of audit parameters with the values of secret-looking keys replaced. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && v !== null && v !== undefined ? "[redacted]" : redactSecrets(v),
      ]),
    );
  }
  return value;
}
