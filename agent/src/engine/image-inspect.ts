import type { CommandHandler } from "./command-types";

export const imageInspect: CommandHandler<"image.inspect"> = async ({ id }, { docker }) => ({
  inspect: (await docker.getImage(id).inspect()) as unknown as Record<string, unknown>,
});
