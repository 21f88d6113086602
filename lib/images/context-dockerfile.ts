const BLOCK = 512;
/** How far into a context the Dockerfile is looked for; what was read is sent on unchanged. */
export const DOCKERFILE_LOOKAHEAD_BYTES = 8 * 1024 * 1024;
/** pax / GNU long-name headers before one entry, as the agent's context filter allows them. */
const MAX_EXTENSION_HEADERS = 8;

const padded = (size: number) => Math.ceil(size / BLOCK) * BLOCK;

function field(block: Uint8Array, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const nul = slice.indexOf(0);
  return Buffer.from(nul < 0 ? slice : slice.subarray(0, nul)).toString("utf8");
}

/** An entry's path as the context root sees it: no "./", no leading or trailing "/". */
function contextPath(raw: string): string {
  return raw
    .replace(/^(\.\/)+/, "")
    .replace(/^\/+/, "")
    .replace(/\/+$/, "");
}

function paxPath(data: Uint8Array): string | null {
  const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.from(data).toString("utf8"));
  return match?.[1] ?? null;
}

/**
 * Finds the Dockerfile in a build context tar as it streams in, to read its FROM lines before
 * the build starts. Reads at most DOCKERFILE_LOOKAHEAD_BYTES (Berth's browser puts the
 * Dockerfile right after .dockerignore); a context that does not have it by then, or is not a
 * plain tar, gives null. The returned context yields every byte read, then the rest.
 */
export async function readContextDockerfile(
  source: AsyncIterable<Uint8Array>,
  dockerfilePath: string,
): Promise<{ dockerfile: string | null; context: AsyncIterable<Uint8Array> }> {
  const wanted = contextPath(dockerfilePath);
  const iterator = source[Symbol.asyncIterator]();
  const read: Uint8Array[] = [];
  /** Bytes read but not yet looked at, and how many bytes were looked at before them. */
  let pending = Buffer.alloc(0);
  let consumed = 0;
  let ended = false;

  /** Reads until `bytes` bytes are pending; false when the source or the lookahead ends first. */
  const fill = async (bytes: number): Promise<boolean> => {
    if (consumed + bytes > DOCKERFILE_LOOKAHEAD_BYTES) return false;
    while (pending.length < bytes) {
      if (ended) return false;
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        return false;
      }
      read.push(next.value);
      pending = pending.length ? Buffer.concat([pending, next.value]) : Buffer.from(next.value);
    }
    return true;
  };
  /** The next `bytes` bytes, or null. */
  const take = async (bytes: number): Promise<Buffer | null> => {
    if (!(await fill(bytes))) return null;
    const taken = pending.subarray(0, bytes);
    pending = pending.subarray(bytes);
    consumed += bytes;
    return taken;
  };
  /** Passes over `bytes` bytes without holding them together. */
  const skip = async (bytes: number): Promise<boolean> => {
    let left = bytes;
    while (left > 0) {
      if (!(await fill(Math.min(left, BLOCK)))) return false;
      const step = Math.min(left, pending.length);
      pending = pending.subarray(step);
      consumed += step;
      left -= step;
    }
    return true;
  };

  const find = async (): Promise<string | null> => {
    let longPath: string | null = null;
    let extensions = 0;
    for (let header = await take(BLOCK); header; header = await take(BLOCK)) {
      if (header.every((b) => b === 0)) return null;
      if (consumed === BLOCK && header[0] === 0x1f && header[1] === 0x8b) return null;
      const size = parseInt(field(header, 124, 12).trim() || "0", 8);
      if (!Number.isSafeInteger(size) || size < 0) return null;
      const flag = String.fromCharCode(header[156] || 0x30);
      if (flag === "x" || flag === "L") {
        if (++extensions > MAX_EXTENSION_HEADERS) return null;
        const data = await take(padded(size));
        if (!data) return null;
        const value = data.subarray(0, size);
        longPath = (flag === "L" ? field(value, 0, size) : paxPath(value)) ?? longPath;
        continue;
      }
      const prefix = field(header, 257, 5) === "ustar" ? field(header, 345, 155) : "";
      const name = field(header, 0, 100);
      const path = contextPath(longPath ?? (prefix ? `${prefix}/${name}` : name));
      const entry = flag !== "g" && flag !== "K";
      if (entry) {
        longPath = null;
        extensions = 0;
      }
      if (entry && path === wanted && (flag === "0" || flag === "\0")) {
        const data = await take(padded(size));
        return data ? data.subarray(0, size).toString("utf8") : null;
      }
      if (!(await skip(padded(size)))) return null;
    }
    return null;
  };

  const dockerfile = await find();
  async function* context(): AsyncIterable<Uint8Array> {
    yield* read;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { dockerfile, context: context() };
}
