import type { CommandHandler } from "./command-types";

/** The container's processes, as the engine's default `ps -ef` columns. */
export const containerTop: CommandHandler<"container.top"> = async ({ id }, { docker }) => {
  const res = (await docker.getContainer(id).top()) as {
    Titles?: string[] | null;
    Processes?: string[][] | null;
  };
  return { titles: res.Titles ?? [], processes: res.Processes ?? [] };
};
