import { BerthError } from "@/lib/protocol";
import type { ProtectedPaths } from "./protected-paths";
import { isWithin, resolveHostPath } from "./resolve-host-path";
import { volumeDevice } from "./volume-device";
import type Docker from "dockerode";

/** The agent's guard on a real host path a volume exposes, whatever the caller's role. */
export async function refuseProtectedPath(
  protectedPaths: ProtectedPaths | undefined,
  what: string,
  real: string,
  field?: string,
): Promise<void> {
  const guarded = (await protectedPaths?.list()) ?? [];
  const hit = guarded.find((g) => isWithin(real, g.path) || isWithin(g.path, real));
  if (!hit) return;
  const message = `${what} is refused whatever the role: ${isWithin(real, hit.path) ? "it is" : "it holds"} ${hit.what} (${hit.path}), and whoever mounts it controls the host and Berth. A host admin can allow it with "Allow binding protected paths" in the host's security policy.`;
  throw new BerthError("FORBIDDEN", message, field, {
    violations: [{ rule: "protectedPath", field: field ?? "name", message }],
  });
}

/** Before a helper mounts a volume: a bind-like volume of a protected path is refused. */
export async function refuseProtectedVolume(
  ctx: { docker: Docker; protectedPaths?: ProtectedPaths },
  name: string,
  allowProtectedPaths: boolean,
): Promise<void> {
  if (allowProtectedPaths) return;
  const device = await volumeDevice(ctx.docker, name);
  if (device === null) return;
  const real = await resolveHostPath(device);
  await refuseProtectedPath(
    ctx.protectedPaths,
    `The volume ${name}, a bind of ${real} on the host,`,
    real,
  );
}
