import type { RunSpecInput } from "@/lib/protocol";
import type { ComposeService } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import { sizeBytes } from "./compile-units";

type Path = (string | number)[];
type Mapping = Record<string, unknown>;
type Resources = Pick<
  RunSpecInput,
  | "cpus"
  | "memoryBytes"
  | "memoryReservationBytes"
  | "memorySwapBytes"
  | "pidsLimit"
  | "cpuShares"
  | "cpusetCpus"
  | "shmSizeBytes"
  | "ulimits"
  | "devices"
  | "gpus"
>;

/**
 * Limits from the service keys and from `deploy.resources` (which wins, as in compose), ulimits,
 * devices, and GPUs from `gpus:` or reserved `deploy.resources.reservations.devices`.
 */
export function compileResources(service: ComposeService, path: Path): Resources {
  const resources = ((service.deploy as Mapping | undefined)?.resources ?? {}) as Mapping;
  const limits = (resources.limits ?? {}) as Mapping;
  const reservations = (resources.reservations ?? {}) as Mapping;
  const deployAt = [...path, "deploy", "resources"];
  const bytes = (value: unknown, at: Path) =>
    value === undefined ? undefined : sizeBytes(value, at);
  const cpus = limits.cpus ?? service.cpus;
  const memory =
    bytes(limits.memory, [...deployAt, "limits", "memory"]) ??
    bytes(service.mem_limit, [...path, "mem_limit"]);
  const reservation =
    bytes(reservations.memory, [...deployAt, "reservations", "memory"]) ??
    bytes(service.mem_reservation, [...path, "mem_reservation"]);
  const swap =
    service.memswap_limit === -1 || service.memswap_limit === "-1"
      ? -1
      : bytes(service.memswap_limit, [...path, "memswap_limit"]);
  const pids = limits.pids ?? service.pids_limit;
  return {
    ...(cpus !== undefined && Number(cpus) > 0 && { cpus: Number(cpus) }),
    ...(memory !== undefined && { memoryBytes: memory }),
    ...(reservation !== undefined && { memoryReservationBytes: reservation }),
    ...(swap !== undefined && { memorySwapBytes: swap }),
    ...(typeof pids === "number" && pids > 0 && { pidsLimit: pids }),
    ...(typeof service.cpu_shares === "number" && { cpuShares: service.cpu_shares }),
    ...(typeof service.cpuset === "string" && { cpusetCpus: service.cpuset }),
    ...(service.shm_size !== undefined && {
      shmSizeBytes: sizeBytes(service.shm_size, [...path, "shm_size"]),
    }),
    ulimits: compileUlimits(service.ulimits),
    devices: compileDevices(service.devices, [...path, "devices"]),
    ...compileGpus(service.gpus, reservations.devices, path),
  };
}

function compileUlimits(value: unknown): NonNullable<Resources["ulimits"]> {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value as Mapping).map(([name, limit]) =>
    typeof limit === "number"
      ? { name, soft: limit, hard: limit }
      : { name, soft: Number((limit as Mapping).soft), hard: Number((limit as Mapping).hard) },
  );
}

/** `/dev/x[:/dev/y[:rwm]]` or `{ source, target, permissions }`. */
function compileDevices(value: unknown, at: Path): NonNullable<Resources["devices"]> {
  if (!Array.isArray(value)) return [];
  return value.map((entry, index) => {
    if (entry && typeof entry === "object") {
      const long = entry as Mapping;
      return {
        hostPath: String(long.source),
        ...(long.target !== undefined && { containerPath: String(long.target) }),
        ...(long.permissions !== undefined && { permissions: String(long.permissions) }),
      };
    }
    const [hostPath = "", containerPath, permissions] = String(entry).split(":");
    if (!hostPath.startsWith("/"))
      throw new ComposeFieldError([...at, index], `device ${hostPath} must be an absolute path`);
    return {
      hostPath,
      ...(containerPath && { containerPath }),
      ...(permissions && { permissions }),
    };
  });
}

/** `gpus: all` / a list of requests, or GPU devices reserved under deploy. */
function compileGpus(gpus: unknown, reserved: unknown, path: Path): Pick<Resources, "gpus"> {
  if (gpus === "all") return { gpus: { count: "all" } };
  const requests = Array.isArray(gpus) ? gpus : Array.isArray(reserved) ? reserved : [];
  if (requests.length === 0) return {};
  if (requests.length > 1) {
    throw new ComposeFieldError(
      [...path, Array.isArray(gpus) ? "gpus" : "deploy"],
      "only one GPU request per service is supported",
    );
  }
  const request = (requests[0] ?? {}) as Mapping;
  const count = request.count;
  return {
    gpus: {
      ...(count === "all" || count === -1
        ? { count: "all" as const }
        : typeof count === "number" || typeof count === "string"
          ? { count: Number(count) }
          : {}),
      deviceIds: Array.isArray(request.device_ids) ? request.device_ids.map(String) : [],
      capabilities: Array.isArray(request.capabilities)
        ? request.capabilities.map(String)
        : ["gpu"],
      ...(typeof request.driver === "string" && { driver: request.driver }),
    },
  };
}
