import { Readable } from "node:stream";
import { errorResponse } from "@/lib/http/respond";
import { openAgentExecutable } from "@/lib/services/hosts/open-agent-executable";

/** The agent as one executable for a host's architecture (`uname -m`), for the installer. */
export async function GET(_request: Request, ctx: { params: Promise<{ machine: string }> }) {
  try {
    const { machine } = await ctx.params;
    const { stream, size } = await openAgentExecutable(machine);
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(size),
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
