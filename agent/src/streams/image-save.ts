import { PassThrough, type Readable } from "node:stream";
import { MAX_CHUNK_BYTES } from "./stream-manager";
import type { StreamOpener } from "./stream-types";

/**
 * `docker save`: a tar with the images' layers, configs and tags (GET /images/get). The engine's
 * response arrives in small pieces; a buffer of a few chunks lets each acked chunk be a full one.
 */
export const imageSave: StreamOpener<"image.save"> = async ({ refs }, { docker }) => {
  // a missing image refuses the stream instead of sending a broken tar
  for (const ref of refs) await docker.getImage(ref).inspect();
  const engine = await new Promise<Readable>((resolve, reject) => {
    docker.modem.dial(
      {
        path: "/images/get?",
        method: "GET",
        isStream: true,
        statusCodes: { 200: true, 404: "no such image", 500: "server error" },
        options: { names: refs },
      },
      (err: unknown, stream: unknown) => (err ? reject(err) : resolve(stream as Readable)),
    );
  });
  const buffered = new PassThrough({ highWaterMark: 4 * MAX_CHUNK_BYTES });
  engine.on("error", (err) => buffered.destroy(err));
  buffered.on("close", () => engine.destroy());
  return engine.pipe(buffered);
};
