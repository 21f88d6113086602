import { BerthError } from "@/lib/protocol";
import { getAgentHub } from "@/lib/hub/agent-hub";

/**
 * Runs a command that reads an upload while the body is sent to the agent chunk by chunk. The
 * command's error wins; an interrupted upload is reported as such.
 */
export async function withUpload<T>(
  hostId: string,
  body: AsyncIterable<Uint8Array>,
  run: (uploadId: string) => Promise<T>,
): Promise<T> {
  const upload = await getAgentHub().openUpload(hostId);
  const running = run(upload.uploadId).finally(() => upload.finish());
  const [sent, result] = await Promise.allSettled([upload.send(body), running]);
  if (result.status === "fulfilled") return result.value;
  if (sent.status === "rejected" && sent.reason instanceof BerthError) throw sent.reason;
  throw result.reason;
}
