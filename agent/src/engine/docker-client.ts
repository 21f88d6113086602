import Docker from "dockerode";

/** A dockerode client for the local engine's unix socket. */
export function createDockerClient(socketPath: string): Docker {
  return new Docker({ socketPath });
}
