import { BerthError, splitImageName } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";
import { toWireError } from "./engine-errors";
import { authConfig } from "./pull-image";
import { followEngineProgress, pushMessageToProgress } from "./pull-image";
import { ProgressThrottle } from "./progress-throttle";
import { registryError } from "./registry-errors";

/** `docker push` of one repository:tag with per-layer progress; cancelled through the signal. */
export const imagePush: CommandHandler<"image.push"> = async ({ image, auth }, ctx) => {
  const { docker, socketPath, signal } = ctx;
  const { repository, tag } = splitImageName(image);
  const throttle = ctx.emitProgress ? new ProgressThrottle(ctx.emitProgress) : null;
  let digest: string | null = null;
  let streamError: string | null;
  try {
    const stream = (await docker.getImage(repository).push({
      tag,
      authconfig: authConfig(auth) ?? { serveraddress: "" },
      abortSignal: signal,
    })) as NodeJS.ReadableStream;
    streamError = await followEngineProgress(docker, stream, (m) => {
      const aux = m.aux as { Digest?: unknown } | undefined;
      if (typeof aux?.Digest === "string") digest = aux.Digest;
      const p = pushMessageToProgress(m);
      if (p) throttle?.push(p);
    });
  } catch (err) {
    if (signal?.aborted) throw new BerthError("CONFLICT", "Cancelled.");
    const wire = toWireError(err, socketPath);
    if (wire.code === "ENGINE_UNAVAILABLE") throw err;
    if (wire.code === "NOT_FOUND") throw new BerthError("NOT_FOUND", `No such image: ${image}`);
    throw registryError("push", image, wire.message);
  } finally {
    throttle?.flush();
  }
  if (streamError !== null) throw registryError("push", image, streamError);
  return { digest };
};
