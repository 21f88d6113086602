/** A host select's options, offline hosts marked (and not choosable when `disableOffline`). */
export function HostOptions({
  hosts,
  disableOffline = false,
}: {
  hosts: ReadonlyArray<{ id: string; name: string; online: boolean }>;
  disableOffline?: boolean;
}) {
  return hosts.map((h) => (
    <option key={h.id} value={h.id} disabled={disableOffline && !h.online}>
      {h.name}
      {h.online ? "" : " (offline)"}
    </option>
  ));
}
