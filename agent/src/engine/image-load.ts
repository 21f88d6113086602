import type { Readable } from "node:stream";
import { BerthError } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";
import { toWireError } from "./engine-errors";
import { followEngineProgress } from "./pull-image";

const LOADED = /^Loaded image(?: ID)?: (.+)$/;

/** `docker load` from an uploaded tar (as `docker save` writes it). */
export const imageLoad: CommandHandler<"image.load"> = async ({ uploadId }, ctx) => {
  const { docker, socketPath } = ctx;
  if (!ctx.takeUpload) throw new BerthError("INTERNAL", "This agent cannot receive uploads.");
  const tar: Readable = ctx.takeUpload(uploadId);
  const loaded: string[] = [];
  let streamError: string | null;
  try {
    const stream = (await docker.loadImage(tar as unknown as NodeJS.ReadableStream, {
      quiet: true,
    })) as NodeJS.ReadableStream;
    streamError = await followEngineProgress(docker, stream, (m) => {
      const text = typeof m.stream === "string" ? m.stream.trim() : "";
      const match = LOADED.exec(text);
      if (match?.[1]) loaded.push(match[1]);
    });
  } catch (err) {
    const wire = toWireError(err, socketPath);
    if (wire.code === "ENGINE_UNAVAILABLE") throw err;
    throw new BerthError("ENGINE_ERROR", `Loading the image failed: ${wire.message}`);
  } finally {
    tar.destroy();
  }
  if (streamError !== null) {
    throw new BerthError("ENGINE_ERROR", `Loading the image failed: ${streamError}`);
  }
  return { loaded };
};
