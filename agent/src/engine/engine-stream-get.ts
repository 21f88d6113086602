import net from "node:net";
import type { Readable } from "node:stream";

/** The engine's status line and headers end within this many bytes. */
const MAX_HEAD_BYTES = 16 * 1024;
/** An error body is read up to this many bytes. */
const MAX_ERROR_BYTES = 64 * 1024;
const HEAD_END = Buffer.from("\r\n\r\n");

/** Fails like dockerode's errors, so toWireError maps it the same way. */
class EngineStatusError extends Error {
  constructor(
    readonly statusCode: number,
    readonly json: unknown,
  ) {
    super(`(HTTP code ${statusCode}) engine error`);
  }
}

/**
 * GET a streaming endpoint of the engine over HTTP/1.0; resolves with the body once the engine
 * answered 200. Over HTTP/1.1 the engine sends a followed log as one chunk per line, and Node's
 * HTTP parser makes a callback of every chunk: for a million lines that costs more CPU than
 * reading the bytes. An HTTP/1.0 answer is unchunked and ends when the engine closes, so one
 * read carries many lines. Aborting the signal closes the connection.
 */
export function engineStreamGet(
  socketPath: string,
  pathAndQuery: string,
  signal: AbortSignal,
): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let head: Buffer = Buffer.alloc(0);
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(err);
    };
    const onAbort = () => fail(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once("close", () => signal.removeEventListener("abort", onAbort));
    socket.on("error", fail);
    socket.on("end", () => fail(new Error("the engine closed the connection without answering")));
    socket.write(`GET ${pathAndQuery} HTTP/1.0\r\nHost: docker\r\n\r\n`);

    const onReadable = () => {
      let piece: Buffer | null;
      while ((piece = socket.read() as Buffer | null) !== null) {
        head = head.length ? Buffer.concat([head, piece]) : piece;
        const end = head.indexOf(HEAD_END);
        if (end < 0) {
          if (head.length > MAX_HEAD_BYTES)
            fail(new Error("the engine's answer has no end of headers"));
          continue;
        }
        socket.off("readable", onReadable);
        socket.removeAllListeners("end");
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.toString("latin1", 0, end))?.[1]);
        const body = head.subarray(end + HEAD_END.length);
        if (status === 200) {
          settled = true;
          socket.off("error", fail);
          if (body.length) socket.unshift(body);
          resolve(socket);
        } else {
          void readError(socket, body).then((text) =>
            fail(new EngineStatusError(status || 500, text)),
          );
        }
        return;
      }
    };
    socket.on("readable", onReadable);
  });
}

/** The engine's error body: `{"message": ...}` when it is JSON, else the text. */
async function readError(socket: net.Socket, first: Buffer): Promise<unknown> {
  const parts = [first];
  let size = first.length;
  await new Promise<void>((resolve) => {
    socket.on("data", (d: Buffer) => {
      if (size < MAX_ERROR_BYTES) parts.push(d);
      size += d.length;
    });
    socket.once("end", resolve);
    socket.once("error", () => resolve());
    socket.once("close", () => resolve());
  });
  const text = Buffer.concat(parts).toString("utf8").slice(0, MAX_ERROR_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
