import type { CommandHandler } from "./command-types";

/** Makes an image of the container's filesystem; returns the new image's id. */
export const containerCommit: CommandHandler<"container.commit"> = async (params, { docker }) => {
  const options: Record<string, unknown> = {
    repo: params.repository,
    tag: params.tag,
    pause: params.pause,
  };
  if (params.comment !== undefined) options.comment = params.comment;
  if (params.author !== undefined) options.author = params.author;
  const res = (await docker.getContainer(params.id).commit(options)) as { Id?: unknown };
  return { imageId: typeof res.Id === "string" ? res.Id : "" };
};
