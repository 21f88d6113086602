import { BerthError } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";
import { toWireError } from "./engine-errors";
import { authConfig, followEngineProgress, pullMessageToProgress } from "./pull-image";
import { ProgressThrottle } from "./progress-throttle";
import { registryError } from "./registry-errors";

/** `docker pull` with per-layer progress; cancelled through the call's signal. */
export const imagePull: CommandHandler<"image.pull"> = async ({ image, auth }, ctx) => {
  const { docker, socketPath, signal } = ctx;
  const throttle = ctx.emitProgress ? new ProgressThrottle(ctx.emitProgress) : null;
  let streamError: string | null;
  try {
    const stream = (await docker.pull(image, {
      authconfig: authConfig(auth),
      abortSignal: signal,
    })) as NodeJS.ReadableStream;
    streamError = await followEngineProgress(docker, stream, (m) => {
      const p = pullMessageToProgress(m);
      if (p) throttle?.push(p);
    });
  } catch (err) {
    if (signal?.aborted) throw new BerthError("CONFLICT", "Cancelled.");
    const wire = toWireError(err, socketPath);
    if (wire.code === "ENGINE_UNAVAILABLE") throw err;
    throw registryError("pull", image, wire.message);
  } finally {
    throttle?.flush();
  }
  if (streamError !== null) throw registryError("pull", image, streamError);
  const inspect = (await docker.getImage(image).inspect()) as { Id: string };
  return { id: inspect.Id };
};
