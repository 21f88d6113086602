import Docker from "dockerode";
import { BerthError, isPathSafeName } from "@/lib/protocol";

/**
 * One segment of an Engine API path: dockerode pastes ids and names into paths as they are, so
 * a network named `prune?` became POST /networks/prune (every unused network removed) and one
 * with `../` a redirect that dockerode followed off the socket. Names are checked and encoded.
 */
export function enginePathName(name: string): string {
  if (!isPathSafeName(name)) {
    throw new BerthError("BAD_REQUEST", `"${name.slice(0, 200)}" is not a valid name.`);
  }
  return encodeURIComponent(name);
}

/** dockerode with every id and name it puts into a path passed through enginePathName. */
class EngineClient extends Docker {
  override getContainer(id: string): Docker.Container {
    return super.getContainer(enginePathName(id));
  }

  override getImage(name: string): Docker.Image {
    return super.getImage(enginePathName(name));
  }

  override getNetwork(id: string): Docker.Network {
    return super.getNetwork(enginePathName(id));
  }

  override getVolume(name: string): Docker.Volume {
    return super.getVolume(enginePathName(name));
  }

  override getExec(id: string): Docker.Exec {
    return super.getExec(enginePathName(id));
  }

  override getService(id: string): Docker.Service {
    return super.getService(enginePathName(id));
  }

  override getTask(id: string): Docker.Task {
    return super.getTask(enginePathName(id));
  }

  override getNode(id: string): Docker.Node {
    return super.getNode(enginePathName(id));
  }

  override getSecret(id: string): Docker.Secret {
    return super.getSecret(enginePathName(id));
  }

  override getConfig(id: string): Docker.Config {
    return super.getConfig(enginePathName(id));
  }

  override getPlugin(name: string, remote?: string): Docker.Plugin {
    return super.getPlugin(enginePathName(name), remote);
  }
}

/** A dockerode client for the local engine's unix socket. */
export function createDockerClient(socketPath: string): Docker {
  return new EngineClient({ socketPath });
}
