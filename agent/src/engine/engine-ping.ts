import type { CommandHandler } from "./command-types";

export const enginePing: CommandHandler<"engine.ping"> = async (_params, { docker }) => {
  await docker.ping();
  return { ok: true };
};
