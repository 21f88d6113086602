import { BerthError } from "@/lib/protocol";

const busy = new Set<string>();

/**
 * Runs one compose command of a project at a time on this host: two at once would race on the
 * same containers, names and files. A second one is refused rather than queued behind the first
 * (which may wait minutes for a dependency).
 */
export async function withProjectLock<T>(project: string, work: () => Promise<T>): Promise<T> {
  if (busy.has(project)) {
    throw new BerthError(
      "CONFLICT",
      `Project ${project} is busy with another compose command on this host; try again when it is done.`,
    );
  }
  busy.add(project);
  try {
    return await work();
  } finally {
    busy.delete(project);
  }
}
