import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { withUpload } from "./send-upload";

const LOAD_TIMEOUT_MS = 60 * 60_000;

export type LoadedImages = { loaded: string[] };

/** `docker load` on one host from a tar streamed in the request body. */
export async function loadImage(
  user: SessionUser,
  hostId: string,
  tar: AsyncIterable<Uint8Array>,
  clientAddress?: string,
): Promise<LoadedImages> {
  return audited({ actor: user, action: "image.load", hostId, clientAddress }, async () => {
    await requireHostPermission(user, hostId, "image.build");
    return withUpload(hostId, tar, (uploadId) =>
      getAgentHub().call(hostId, "image.load", { uploadId }, { timeoutMs: LOAD_TIMEOUT_MS }),
    );
  });
}
