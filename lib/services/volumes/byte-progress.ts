import { Transform, type Readable } from "node:stream";
import type { Progress } from "@/lib/protocol";

/** At most this often a progress message for bytes passing through the server. */
const EVERY_MS = 250;

/**
 * The stream as it is, telling `onProgress` how many bytes have passed (throttled, and once more
 * at the end). Without a listener the stream is returned untouched.
 */
export function withByteProgress(
  stream: Readable,
  onProgress: ((p: Progress) => void) | undefined,
  phase: string,
  status: string,
  total?: number,
): Readable {
  if (!onProgress) return stream;
  let current = 0;
  let last = 0;
  const report = () => onProgress({ phase, status, current, ...(total ? { total } : {}) });
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      current += chunk.length;
      const now = Date.now();
      if (now - last >= EVERY_MS) {
        last = now;
        report();
      }
      done(null, chunk);
    },
    flush(done) {
      report();
      done();
    },
  });
  stream.on("error", (err) => counter.destroy(err));
  counter.on("close", () => stream.destroy());
  return stream.pipe(counter);
}
