import type { Readable } from "node:stream";
import { VolumeNameSchema, type Progress } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { withByteProgress } from "./byte-progress";
import { requireVolumeAccess } from "./require-volume-access";

/** A backup file name: the volume and when it was taken. */
export function backupFileName(volume: string, at = new Date()): string {
  return `${volume}-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}.tar.gz`;
}

/**
 * The whole volume as a .tar.gz download, streamed from the host through the server (never held
 * whole); progress in bytes to the caller's tabs when asked.
 */
export async function downloadVolumeBackup(
  user: SessionUser,
  hostId: string,
  name: string,
  options: { onProgress?: (p: Progress) => void; clientAddress?: string } = {},
): Promise<{ stream: Readable; fileName: string }> {
  const volume = VolumeNameSchema.parse(name);
  return audited(
    {
      actor: user,
      action: "volume.backup",
      hostId,
      target: volume,
      params: { to: "download" },
      clientAddress: options.clientAddress,
    },
    async () => {
      const { helper } = await requireVolumeAccess(user, hostId, volume, "volume.read");
      const stream = await getAgentHub().openStream(hostId, "volume.backup", {
        ...helper,
        name: volume,
      });
      return {
        stream: withByteProgress(stream, options.onProgress, "backup", "Backing up"),
        fileName: backupFileName(volume),
      };
    },
  );
}
