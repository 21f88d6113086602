import { z } from "zod";
import { ContainerRefSchema } from "./containers";

/**
 * One second of one container, read from its cgroup and network namespace (never Docker's stats
 * API). The agent's "container.stats" byte stream carries these as newline-delimited JSON, one
 * a second, while someone watches.
 */
export const ContainerStatsSampleSchema = z.object({
  at: z.number(),
  /** 100 = one full CPU, as `docker stats` counts */
  cpuPercent: z.number().nullable(),
  /** used memory excluding page cache (inactive file) */
  memoryBytes: z.number().nullable(),
  /** the container's limit, or the host's memory when unlimited */
  memoryLimitBytes: z.number().nullable(),
  netRxBytesPerSec: z.number().nullable(),
  netTxBytesPerSec: z.number().nullable(),
  blockReadBytesPerSec: z.number().nullable(),
  blockWriteBytesPerSec: z.number().nullable(),
  pids: z.number().nullable(),
});
export type ContainerStatsSample = z.infer<typeof ContainerStatsSampleSchema>;

export const ContainerStatsParamsSchema = z.object({ id: ContainerRefSchema });
