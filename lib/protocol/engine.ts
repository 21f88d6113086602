import { z } from "zod";

export const EngineInfoSchema = z.object({
  hostname: z.string(),
  engineVersion: z.string(),
  apiVersion: z.string(),
  os: z.string(),
  osType: z.string(),
  architecture: z.string(),
  kernelVersion: z.string(),
  cpus: z.number().int().nonnegative(),
  memoryBytes: z.number().nonnegative(),
  storageDriver: z.string(),
  cgroupVersion: z.string(),
  containers: z.number().int().nonnegative(),
  containersRunning: z.number().int().nonnegative(),
  containersPaused: z.number().int().nonnegative(),
  containersStopped: z.number().int().nonnegative(),
  images: z.number().int().nonnegative(),
  swarmState: z.string(),
  /** The engine's swarm node id (`docker info` Swarm.NodeID): how nodes are matched to hosts. */
  swarmNodeId: z.string().optional(),
});
export type EngineInfo = z.infer<typeof EngineInfoSchema>;
