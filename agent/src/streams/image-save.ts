import type { Readable } from "node:stream";
import type { StreamOpener } from "./stream-types";

/** `docker save` of one image: a tar with its layers, config and tags (GET /images/{name}/get). */
export const imageSave: StreamOpener<"image.save"> = async ({ id }, { docker }) => {
  const image = docker.getImage(id);
  await image.inspect(); // a missing image refuses the stream instead of sending an empty tar
  return (await image.get()) as unknown as Readable;
};
