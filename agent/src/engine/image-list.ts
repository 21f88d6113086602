import { HELPER_LABEL, type ImageSummary } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";

const NONE = "<none>:<none>";
const NONE_DIGEST = "<none>@<none>";

/** `docker image ls` with the containers (any state) that use each image. */
export const imageList: CommandHandler<"image.list"> = async (_params, { docker }) => {
  const [images, containers] = await Promise.all([
    docker.listImages({ all: false }),
    docker.listContainers({ all: true }),
  ]);
  const users = new Map<string, ImageSummary["containers"]>();
  for (const c of containers) {
    if (c.Labels?.[HELPER_LABEL] !== undefined) continue;
    const list = users.get(c.ImageID) ?? [];
    list.push({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, "") });
    users.set(c.ImageID, list);
  }
  return {
    images: images.map((image) => {
      const tags = (image.RepoTags ?? []).filter((t) => t !== NONE);
      return {
        id: image.Id,
        tags,
        digests: (image.RepoDigests ?? []).filter((d) => d !== NONE_DIGEST),
        createdAt: image.Created * 1000,
        size: image.Size,
        containers: users.get(image.Id) ?? [],
        dangling: tags.length === 0,
        labels: image.Labels ?? {},
      };
    }),
  };
};
