import type Docker from "dockerode";
import type { SecurityDigest } from "@/lib/protocol";
import { describeError, log } from "../log";

/** The HostConfig fields the security checks read; the rest of an inspect stays on the host. */
const HOST_CONFIG_KEYS = [
  "Privileged",
  "CapAdd",
  "CapDrop",
  "ReadonlyRootfs",
  "SecurityOpt",
  "Memory",
  "NanoCpus",
  "CpuQuota",
  "CpuPeriod",
  "CpusetCpus",
  "PidsLimit",
  "Binds",
  "Mounts",
  "Devices",
  "DeviceRequests",
  "NetworkMode",
  "PidMode",
  "IpcMode",
  "UTSMode",
  "UsernsMode",
  "CgroupnsMode",
  "Sysctls",
  "CgroupParent",
  "PortBindings",
  "PublishAllPorts",
] as const;

const MOUNT_KEYS = ["Type", "Name", "Source", "Destination", "Driver", "RW"] as const;
/** Inspects at once while filling the digests of many new containers. */
const CONCURRENCY = 8;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};

function pick(from: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) if (from[key] !== undefined && from[key] !== null) out[key] = from[key];
  return out;
}

/** The security-relevant part of one inspect. */
export function securityDigest(inspect: Json): SecurityDigest {
  const user = obj(inspect.Config).User;
  return {
    Config: { User: typeof user === "string" ? user : "" },
    HostConfig: pick(obj(inspect.HostConfig), HOST_CONFIG_KEYS),
    Mounts: (Array.isArray(inspect.Mounts) ? inspect.Mounts : []).map((m) =>
      pick(obj(m), MOUNT_KEYS),
    ),
  };
}

/**
 * One digest per container, inspected once: what a container may do is fixed at create and only
 * `docker update` changes it (the feed forgets a container's digest then), so a list of hundreds
 * of containers costs inspects only for the ones not seen before.
 */
export class SecurityDigests {
  private readonly known = new Map<string, SecurityDigest>();
  private readonly pending = new Map<string, Promise<SecurityDigest | undefined>>();

  constructor(private readonly docker: Docker) {}

  /** undefined when the container is gone or cannot be inspected. */
  get(id: string): Promise<SecurityDigest | undefined> {
    const known = this.known.get(id);
    if (known) return Promise.resolve(known);
    const running = this.pending.get(id);
    if (running) return running;
    const fetching = (async () => {
      try {
        const inspect = (await this.docker.getContainer(id).inspect()) as unknown as Json;
        const digest = securityDigest(inspect);
        this.known.set(id, digest);
        return digest;
      } catch (err) {
        if ((err as { statusCode?: unknown }).statusCode !== 404) {
          log.warn(
            `container ${id.slice(0, 12)}: inspect for its digest failed: ${describeError(err)}`,
          );
        }
        return undefined;
      } finally {
        this.pending.delete(id);
      }
    })();
    this.pending.set(id, fetching);
    return fetching;
  }

  /** Digests of many containers, a few inspects at a time; forgets containers not listed. */
  async forAll(ids: readonly string[]): Promise<Map<string, SecurityDigest>> {
    const listed = new Set(ids);
    for (const id of this.known.keys()) if (!listed.has(id)) this.known.delete(id);
    const out = new Map<string, SecurityDigest>();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const digest = await this.get(id);
        if (digest) out.set(id, digest);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
    return out;
  }

  forget(id: string): void {
    this.known.delete(id);
  }
}
