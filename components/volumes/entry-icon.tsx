import type { VolumeEntry } from "@/lib/protocol";

const PATHS: Record<VolumeEntry["type"], string> = {
  dir: "M2 4.5A1.5 1.5 0 0 1 3.5 3h3l1.5 1.5h4.5A1.5 1.5 0 0 1 14 6v5.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5z",
  file: "M4 2h5l3 3v8.5a.5.5 0 0 1-.5.5h-7a.5.5 0 0 1-.5-.5v-11A.5.5 0 0 1 4 2zm5 0v3h3",
  symlink: "M6.5 9.5l3-3M7 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1M9 11.5l-1 1A2.5 2.5 0 0 1 4.5 9l1-1",
  other: "M8 3a5 5 0 1 0 0 10A5 5 0 0 0 8 3z",
};

/** A small drawn icon for a folder, a file, a symlink or anything else (no emoji font needed). */
export function EntryIcon({ type }: { type: VolumeEntry["type"] }) {
  const filled = type === "dir";
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden="true"
      className={`mr-1.5 inline h-3.5 w-3.5 align-[-2px] ${filled ? "fill-sky-200 stroke-sky-700" : "fill-none stroke-slate-500"}`}
      strokeWidth={1.2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[type]} />
    </svg>
  );
}
