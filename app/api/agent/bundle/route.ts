import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { BerthError } from "@/lib/protocol";
import { errorResponse } from "@/lib/http/respond";

/** The agent bundle, for the installer. It holds no secrets. */
export async function GET() {
  try {
    const file = path.join(process.env.BERTH_ROOT ?? process.cwd(), "dist", "agent.cjs");
    const info = await stat(file).catch(() => null);
    if (!info) throw new BerthError("NOT_FOUND", "The agent bundle is not built on this server.");
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        "content-type": "application/javascript",
        "content-length": String(info.size),
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
