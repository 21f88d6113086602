import type { Readable } from "node:stream";
import type { StreamOpener } from "./stream-types";

/** The container's filesystem as a tar stream (GET /containers/{id}/export). */
export const containerExport: StreamOpener<"container.export"> = async ({ id }, { docker }) =>
  (await docker.getContainer(id).export()) as unknown as Readable;
