import { BerthError, type WireError } from "@/lib/protocol";

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOENT", "ENOTSOCK"]);
const FORBIDDEN_SOCKET = new Set(["EACCES", "EPERM"]);
const CUT_OFF = new Set(["ECONNRESET", "EPIPE"]);

interface DockerodeError {
  code?: unknown;
  statusCode?: unknown;
  json?: unknown;
  message?: unknown;
}

/** True when the error means the engine's socket cannot be used at all. */
export function isEngineUnavailable(err: unknown): boolean {
  const code = (err as DockerodeError | null)?.code;
  return typeof code === "string" && (UNREACHABLE.has(code) || FORBIDDEN_SOCKET.has(code));
}

/** Maps anything a handler throws to the error the server sees. */
export function toWireError(err: unknown, socketPath: string): WireError {
  if (err instanceof BerthError) return err.toWire();
  const e = (err ?? {}) as DockerodeError;
  const code = typeof e.code === "string" ? e.code : undefined;
  if (code && UNREACHABLE.has(code)) {
    return { code: "ENGINE_UNAVAILABLE", message: `Docker engine not reachable at ${socketPath}` };
  }
  if (code && FORBIDDEN_SOCKET.has(code)) {
    return {
      code: "ENGINE_UNAVAILABLE",
      message: `No permission to use the Docker engine socket ${socketPath}`,
    };
  }
  if (code && CUT_OFF.has(code)) {
    return {
      code: "ENGINE_UNAVAILABLE",
      message: `Connection to the Docker engine at ${socketPath} was cut off`,
    };
  }
  if (typeof e.statusCode === "number") {
    const message = engineMessage(e);
    if (e.statusCode === 404) return { code: "NOT_FOUND", message };
    if (e.statusCode === 409) return { code: "CONFLICT", message };
    return { code: "ENGINE_ERROR", message };
  }
  const message = typeof e.message === "string" && e.message ? e.message : String(err);
  return { code: "INTERNAL", message };
}

/** The engine's own words: `{"message": ...}` body, else dockerode's message without its prefix. */
function engineMessage(e: DockerodeError): string {
  const json = e.json;
  if (json && typeof json === "object" && !Buffer.isBuffer(json)) {
    const m = (json as { message?: unknown }).message;
    if (typeof m === "string" && m.trim()) return m.trim();
  }
  if (typeof json === "string" && json.trim()) return json.trim();
  if (Buffer.isBuffer(json) && json.length > 0) return json.toString("utf8").trim();
  const message = typeof e.message === "string" ? e.message : "";
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, "").trim() || `engine error ${e.statusCode}`;
}
