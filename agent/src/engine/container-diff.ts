import type { CommandHandler } from "./command-types";

const KINDS = ["modified", "added", "deleted"] as const;

/** Filesystem changes against the image (the engine's Kind 0/1/2). */
export const containerDiff: CommandHandler<"container.diff"> = async ({ id }, { docker }) => {
  const res = (await docker.getContainer(id).changes()) as unknown;
  // An unchanged container's answer is JSON null, which reaches here as null or as no body.
  const list = Array.isArray(res) ? (res as Array<{ Path: string; Kind: number }>) : [];
  return {
    changes: list.map((c) => ({ path: c.Path, kind: KINDS[c.Kind] ?? "modified" })),
  };
};
