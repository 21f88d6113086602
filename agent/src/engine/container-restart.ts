import type { CommandHandler } from "./command-types";

export const containerRestart: CommandHandler<"container.restart"> = async (
  { id, timeoutSeconds },
  { docker },
) => {
  await docker.getContainer(id).restart(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
  return { ok: true };
};
