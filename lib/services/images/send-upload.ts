import { BerthError } from "@/lib/protocol";
import { getAgentHub } from "@/lib/hub/agent-hub";

/**
 * Runs a command that reads an upload while the body is sent to the agent chunk by chunk. The
 * command's error wins; an interrupted upload is reported as such. When the command ends before
 * the body does (it refused the upload), the rest of the body is read and dropped: a client still
 * sending would otherwise see its connection reset instead of the answer.
 */
export async function withUpload<T>(
  hostId: string,
  body: AsyncIterable<Uint8Array>,
  run: (uploadId: string) => Promise<T>,
): Promise<T> {
  const upload = await getAgentHub().openUpload(hostId);
  const iterator = body[Symbol.asyncIterator]();
  const unclosed: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: () => iterator.next(),
      return: async () => ({ done: true, value: undefined }),
    }),
  };
  const running = run(upload.uploadId).finally(() => upload.finish());
  const [sent, result] = await Promise.allSettled([upload.send(unclosed), running]);
  await drain(iterator);
  if (result.status === "fulfilled") return result.value;
  if (sent.status === "rejected" && sent.reason instanceof BerthError) throw sent.reason;
  throw result.reason;
}

async function drain(iterator: AsyncIterator<Uint8Array>): Promise<void> {
  try {
    while (!(await iterator.next()).done);
  } catch {
    // the client went away: nothing left to read
  }
}
