import type { Readable } from "node:stream";
import { VolumeNameSchema } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { openStoredBackup } from "./backup-files";

/** A backup kept on the server, as a download. */
export async function downloadStoredBackup(
  user: SessionUser,
  hostId: string,
  name: string,
  id: string,
): Promise<{ stream: Readable; fileName: string }> {
  const volume = VolumeNameSchema.parse(name);
  await requireHostPermission(user, hostId, "volume.read");
  const { stream } = await openStoredBackup(hostId, volume, id);
  return { stream, fileName: id };
}
