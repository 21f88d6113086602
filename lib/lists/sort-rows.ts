/** Sorts list rows in place by one key, in either direction; equal keys keep a stable id order. */
export function sortRows<Row extends { id: string }>(
  rows: Row[],
  key: (row: Row) => string | number,
  dir: "asc" | "desc",
): Row[] {
  const sign = dir === "asc" ? 1 : -1;
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -sign;
    if (ka > kb) return sign;
    return a.id < b.id ? -1 : 1;
  });
}
