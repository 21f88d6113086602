import { promises as fs } from "node:fs";

export interface DiskUsage {
  usedBytes: number;
  totalBytes: number;
}

/** Same numbers as `df`: size = blocks, used = blocks − free (reserved blocks count as used). */
export function diskUsageFromStatfs(s: {
  bsize: number;
  blocks: number;
  bfree: number;
}): DiskUsage {
  return {
    totalBytes: s.blocks * s.bsize,
    usedBytes: Math.max(0, s.blocks - s.bfree) * s.bsize,
  };
}

/** Usage of the filesystem holding `preferred` (the Docker root dir) if readable, else of "/". */
export async function readDiskUsage(preferred: string | undefined): Promise<DiskUsage> {
  if (preferred) {
    try {
      return diskUsageFromStatfs(await fs.statfs(preferred));
    } catch {
      // not visible from here (e.g. agent in its own mount namespace): fall back to "/"
    }
  }
  return diskUsageFromStatfs(await fs.statfs("/"));
}
