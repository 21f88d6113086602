import type { Readable } from "node:stream";
import { BerthError, VolumeNameSchema, VolumePathSchema } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { requireVolumeAccess } from "./require-volume-access";
import { VOLUME_BROWSE_TIMEOUT_MS } from "./volume-limits";

export type VolumeDownload = { stream: Readable; fileName: string; type: string };

/** Strips what a Content-Disposition file name cannot hold. */
export const safeFileName = (name: string) => name.replace(/[^A-Za-z0-9_.+-]/g, "_") || "download";

/** A file of a volume as it is, or a folder as a tar, streamed from the host. */
export async function downloadVolumePath(
  user: SessionUser,
  hostId: string,
  name: string,
  path: unknown,
): Promise<VolumeDownload> {
  const volume = VolumeNameSchema.parse(name);
  const wanted = VolumePathSchema.parse(path ?? "");
  const { helper } = await requireVolumeAccess(user, hostId, volume, "volume.read");
  const hub = getAgentHub();
  const found = await hub.call(
    hostId,
    "volume.stat",
    { ...helper, name: volume, path: wanted },
    { timeoutMs: VOLUME_BROWSE_TIMEOUT_MS },
  );
  if (found.type !== "file" && found.type !== "dir") {
    throw new BerthError("BAD_REQUEST", "Only files and folders can be downloaded.", "path");
  }
  const asFile = found.type === "file";
  const stream = await hub.openStream(hostId, "volume.download", {
    ...helper,
    name: volume,
    path: found.path,
    as: asFile ? "file" : "tar",
  });
  return {
    stream,
    fileName: safeFileName(asFile ? found.name : `${found.path ? found.name : volume}.tar`),
    type: asFile ? "application/octet-stream" : "application/x-tar",
  };
}
