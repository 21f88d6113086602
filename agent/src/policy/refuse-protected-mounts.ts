import path from "node:path";
import { BerthError, type PolicyViolation, type RunSpec } from "@/lib/protocol";
import type { CommandContext } from "../engine/command-types";
import { isWithin, resolveHostPath } from "./resolve-host-path";
import { volumeDevice } from "./volume-device";

/**
 * The agent's own line, whatever the caller's role: no bind (nor bind-like volume) of its state,
 * its install directory, the engine's socket or data root unless the host's policy allows it.
 * Bind sources arrive resolved by the server's check; one that resolves differently now was
 * changed in between (a symlink swapped in), and is refused rather than mounted unchecked.
 */
export async function refuseProtectedMounts(
  spec: RunSpec,
  allowProtectedPaths: boolean,
  ctx: CommandContext,
): Promise<void> {
  const guarded = (await ctx.protectedPaths?.list()) ?? [];
  const violations: PolicyViolation[] = [];
  const check = (field: string, what: string, real: string) => {
    if (allowProtectedPaths) return;
    const hit = guarded.find((g) => isWithin(real, g.path) || isWithin(g.path, real));
    if (!hit) return;
    violations.push({
      rule: "protectedPath",
      field,
      message: `${what} is refused whatever the role: ${isWithin(real, hit.path) ? "it is" : "it holds"} ${hit.what} (${hit.path}), and a container that binds it controls the host and Berth. A host admin can allow it with "Allow binding protected paths" in the host's security policy.`,
    });
  };
  for (const [i, bind] of spec.binds.entries()) {
    const real = await resolveHostPath(bind.source);
    if (real !== path.posix.resolve(bind.source)) {
      throw new BerthError(
        "CONFLICT",
        `The host path ${bind.source} changed while it was being checked (it now leads to ${real}); nothing was created. Try again.`,
        `binds.${i}.source`,
      );
    }
    check(`binds.${i}.source`, `Binding ${real} from the host`, real);
  }
  for (const [i, volume] of spec.volumes.entries()) {
    const device = await volumeDevice(ctx.docker, volume.name);
    if (device === null) continue;
    const real = await resolveHostPath(device);
    check(`volumes.${i}.name`, `The volume ${volume.name}, a bind of ${real} on the host,`, real);
  }
  const [first] = violations;
  if (first) {
    throw new BerthError("FORBIDDEN", first.message, first.field, { violations });
  }
}
