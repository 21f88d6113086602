/** The mark on a container or image whose tag names a newer image in its registry. */
export function UpdateBadge() {
  return (
    <span
      className="ml-2 shrink-0 rounded bg-sky-100 px-1.5 py-0.5 font-sans text-xs font-medium text-sky-800"
      data-testid="update-available"
    >
      Update available
    </span>
  );
}
