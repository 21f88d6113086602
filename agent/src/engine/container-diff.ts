import type { CommandHandler } from "./command-types";

const KINDS = ["modified", "added", "deleted"] as const;

/** Filesystem changes against the image (the engine's Kind 0/1/2). */
export const containerDiff: CommandHandler<"container.diff"> = async ({ id }, { docker }) => {
  const res = (await docker.getContainer(id).changes()) as Array<{
    Path: string;
    Kind: number;
  }> | null;
  return {
    changes: (res ?? []).map((c) => ({ path: c.Path, kind: KINDS[c.Kind] ?? "modified" })),
  };
};
