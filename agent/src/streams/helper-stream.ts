import { PassThrough, type Readable, type Transform } from "node:stream";
import type { HelperContainer } from "../volumes/helper-container";
import { MAX_CHUNK_BYTES } from "./stream-manager";

/**
 * A stream read through a helper container: `open` gives its source and the transforms it passes
 * through. The helper is removed when the stream ends, fails or is cancelled (or when opening it
 * fails), so none is left behind. A buffer of a few chunks lets each acked chunk be a full one.
 */
export async function helperStream(
  helper: HelperContainer,
  open: () => Promise<[Readable, ...Transform[]]>,
): Promise<Readable> {
  let stages: [Readable, ...Transform[]];
  try {
    stages = await open();
  } catch (err) {
    await helper.remove();
    throw err;
  }
  const out = new PassThrough({ highWaterMark: 4 * MAX_CHUNK_BYTES });
  let current: Readable = stages[0];
  for (const next of stages.slice(1) as Transform[]) {
    current.on("error", (err) => next.destroy(err));
    current = current.pipe(next);
  }
  current.on("error", (err) => out.destroy(err));
  current.pipe(out);
  out.on("close", () => {
    for (const stage of stages) stage.destroy();
    void helper.remove();
  });
  return out;
}
