import { BerthError } from "@/lib/protocol";
import { toWireError } from "../../engine/engine-errors";

/** What a failure says: which service, and the engine's (or compose's) reason. */
export function serviceError(service: string, err: unknown, socketPath: string): unknown {
  const wire = toWireError(err, socketPath);
  if (wire.code === "ENGINE_UNAVAILABLE") return err;
  return new BerthError(wire.code, `Service ${service} failed: ${wire.message}`, wire.field, {
    violations: wire.violations,
  });
}
