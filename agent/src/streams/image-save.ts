import type { Readable } from "node:stream";
import type { StreamOpener } from "./stream-types";

/** `docker save`: a tar with the images' layers, configs and tags (GET /images/get). */
export const imageSave: StreamOpener<"image.save"> = async ({ refs }, { docker }) => {
  // a missing image refuses the stream instead of sending a broken tar
  for (const ref of refs) await docker.getImage(ref).inspect();
  return new Promise<Readable>((resolve, reject) => {
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
};
