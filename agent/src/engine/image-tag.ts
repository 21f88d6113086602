import type { CommandHandler } from "./command-types";

export const imageTag: CommandHandler<"image.tag"> = async (
  { id, repository, tag },
  { docker },
) => {
  await docker.getImage(id).tag({ repo: repository, tag });
  return { ok: true };
};
