import type Docker from "dockerode";
import { BerthError, type Progress } from "@/lib/protocol";
import { toWireError } from "./engine-errors";
import { ProgressThrottle } from "./progress-throttle";

interface PullMessage {
  status?: unknown;
  id?: unknown;
  progressDetail?: { current?: unknown; total?: unknown };
  error?: unknown;
  errorDetail?: { message?: unknown };
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** One line of the engine's pull stream as a protocol Progress message. */
export function pullMessageToProgress(m: PullMessage): Progress | null {
  if (typeof m.status !== "string") return null;
  const p: Progress = { phase: "pull", status: m.status };
  if (typeof m.id === "string" && m.id) p.id = m.id;
  const current = num(m.progressDetail?.current);
  const total = num(m.progressDetail?.total);
  if (current !== undefined) p.current = current;
  if (total !== undefined) p.total = total;
  return p;
}

/** True when the engine has the image (name or id) locally. */
export async function hasImage(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode === 404) return false;
    throw err;
  }
}

/** One line of the engine's push stream as a protocol Progress message. */
export function pushMessageToProgress(m: PullMessage): Progress | null {
  const p = pullMessageToProgress(m);
  return p ? { ...p, phase: "push" } : null;
}

/**
 * Follows a pull or push stream to its end, passing each message on. Resolves with the engine's
 * error message when the stream reported one (the HTTP status was 200 all the same), else null.
 */
export async function followEngineProgress(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onMessage: (m: PullMessage & Record<string, unknown>) => void,
): Promise<string | null> {
  let streamError: string | null = null;
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve()),
      (m: PullMessage & Record<string, unknown>) => {
        if (m.error !== undefined || m.errorDetail !== undefined) {
          const detail = m.errorDetail?.message;
          streamError ??=
            typeof detail === "string" && detail
              ? detail
              : typeof m.error === "string"
                ? m.error
                : "the engine reported an error";
          return;
        }
        onMessage(m);
      },
    );
  });
  return streamError;
}

/**
 * Pulls an image, reporting progress (throttled to 10 messages/s per layer). A failed pull
 * throws NOT_FOUND "No such image: <image> (pull failed: <engine's words>)".
 */
export async function pullImage(
  docker: Docker,
  image: string,
  socketPath: string,
  onProgress?: (p: Progress) => void,
): Promise<void> {
  const throttle = onProgress ? new ProgressThrottle(onProgress) : null;
  const failed = (message: string) =>
    new BerthError("NOT_FOUND", `No such image: ${image} (pull failed: ${message})`);
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.pull(image)) as NodeJS.ReadableStream;
  } catch (err) {
    const wire = toWireError(err, socketPath);
    if (wire.code === "ENGINE_UNAVAILABLE") throw err;
    throw failed(wire.message);
  }
  let streamError: string | null;
  try {
    streamError = await followEngineProgress(docker, stream, (m) => {
      const p = pullMessageToProgress(m);
      if (p) throttle?.push(p);
    });
  } catch (err) {
    throw failed(err instanceof Error ? err.message : String(err));
  } finally {
    throttle?.flush();
  }
  if (streamError !== null) throw failed(streamError);
}
