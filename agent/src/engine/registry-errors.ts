import { BerthError } from "@/lib/protocol";

const UNAUTHORISED =
  /unauthorized|authentication required|denied|no basic auth credentials|incorrect username or password/i;
const MISSING = /not found|manifest unknown|name unknown|does not exist/i;
const UNREACHABLE =
  /connection refused|no such host|i\/o timeout|timeout|network is unreachable|no route to host|server gave HTTP response to HTTPS client|dial tcp|TLS handshake|x509/i;

/** The engine's words about a failed pull or push, in terms a user can act on. */
export function registryError(action: "pull" | "push", image: string, message: string): BerthError {
  const verb = action === "pull" ? "Pulling" : "Pushing";
  if (UNAUTHORISED.test(message)) {
    return new BerthError(
      "ENGINE_ERROR",
      `${verb} ${image}: the registry refused the credentials (unauthorised). Check the registry's user name and password, and that it may ${action} this repository. Engine: ${message}`,
    );
  }
  if (MISSING.test(message)) {
    return new BerthError(
      "NOT_FOUND",
      `${verb} ${image}: the registry has no such image or tag. Engine: ${message}`,
    );
  }
  if (UNREACHABLE.test(message)) {
    return new BerthError(
      "ENGINE_ERROR",
      `${verb} ${image}: the registry is unreachable from this host. Engine: ${message}`,
    );
  }
  return new BerthError("ENGINE_ERROR", `${verb} ${image} failed: ${message}`);
}
