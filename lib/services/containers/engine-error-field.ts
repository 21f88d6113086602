import { BerthError } from "@/lib/protocol";

const FIELDS: Array<[RegExp, string]> = [
  // A static address the network cannot give: the engine says "Address already in use" alone.
  [/^address already in use$|user specified ip address|no configured subnet/i, "networks"],
  [/port is already allocated|address already in use|bind for .*failed/i, "ports"],
  [/container name .* is already in use|conflict\. the container name/i, "name"],
  [/does not match the specified platform/i, "platform"],
  [
    /no such image|pull access denied|manifest unknown|repository does not exist|invalid reference format|not found: manifest|pull|registry/i,
    "image",
  ],
  [/could not select device driver|gpu/i, "gpus"],
  [/custom device|gathering device/i, "devices"],
  [/sysctl/i, "sysctls"],
  [/ulimit/i, "ulimits"],
  [/mac.?address/i, "macAddress"],
  [/log driver|logging driver|log opt/i, "logDriver"],
  [/join ipc|ipc mode/i, "ipcMode"],
  [/join pid|pid mode|pid namespace/i, "pidMode"],
  [/memoryswap|memory swap/i, "memorySwapBytes"],
  [/requested cpus|cpuset/i, "cpusetCpus"],
  [/network .*not found|network .* does not exist/i, "networks"],
  [/bind source path does not exist|invalid mount|mount denied|bind mount/i, "binds"],
  [/volume/i, "volumes"],
  [/memory limit|minimum memory/i, "memoryBytes"],
  [/nanocpus|cpu/i, "cpus"],
  [/capabilit/i, "capAdd"],
];

/** Points an engine refusal at the form field that caused it, so the form can show it there. */
export function withEngineErrorField(err: unknown): unknown {
  if (!(err instanceof BerthError) || err.field) return err;
  if (err.code !== "ENGINE_ERROR" && err.code !== "CONFLICT" && err.code !== "NOT_FOUND")
    return err;
  const match = FIELDS.find(([pattern]) => pattern.test(err.message));
  return match ? new BerthError(err.code, err.message, match[1]) : err;
}
