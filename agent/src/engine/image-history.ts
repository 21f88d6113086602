import type { CommandHandler } from "./command-types";

interface HistoryEntry {
  Id?: string;
  Created?: number;
  CreatedBy?: string;
  Size?: number;
  Comment?: string;
  Tags?: string[] | null;
}

/** `docker history`: each layer's instruction and size, newest first. */
export const imageHistory: CommandHandler<"image.history"> = async ({ id }, { docker }) => {
  const entries = (await docker.getImage(id).history()) as HistoryEntry[];
  return {
    layers: entries.map((e) => ({
      id: e.Id && e.Id !== "<missing>" ? e.Id : "",
      createdAt: (e.Created ?? 0) * 1000,
      createdBy: e.CreatedBy ?? "",
      size: e.Size ?? 0,
      comment: e.Comment ?? "",
      tags: e.Tags ?? [],
    })),
  };
};
