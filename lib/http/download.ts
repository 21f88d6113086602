import { Readable } from "node:stream";

/**
 * Streams a download to the client; closing the download cancels the stream at the agent.
 * `no-transform`: Next.js would otherwise gzip the stream on the fly, which caps it at a few MiB/s.
 */
export function downloadResponse(
  request: Request,
  stream: Readable,
  fileName: string,
  type: string,
): Response {
  request.signal.addEventListener("abort", () => stream.destroy());
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": type,
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store, no-transform",
    },
  });
}
