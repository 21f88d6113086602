import type { CommandHandler } from "./command-types";

export const containerInspect: CommandHandler<"container.inspect"> = async (
  { id },
  { docker },
) => ({
  inspect: (await docker.getContainer(id).inspect()) as unknown as Record<string, unknown>,
});
