/**
 * A minimal ustar writer for build contexts made in the browser (a typed Dockerfile, a folder
 * upload). Regular files only; paths up to 255 bytes (split into prefix and name).
 */
export type TarEntry = { path: string; data: Uint8Array | Blob; mode?: number; mtime?: number };

const sizeOf = (data: Uint8Array | Blob) => (data instanceof Uint8Array ? data.length : data.size);

const BLOCK = 512;
const encoder = new TextEncoder();

function writeString(block: Uint8Array, offset: number, length: number, value: string): void {
  const bytes = encoder.encode(value);
  block.set(bytes.subarray(0, length), offset);
}

function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  writeString(block, offset, length - 1, value.toString(8).padStart(length - 1, "0"));
}

function splitPath(path: string): { prefix: string; name: string } {
  if (encoder.encode(path).length <= 100) return { prefix: "", name: path };
  for (let i = path.lastIndexOf("/"); i > 0; i = path.lastIndexOf("/", i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(name).length <= 100) {
      return { prefix, name };
    }
  }
  throw new Error(`The path ${path} is too long for a build context.`);
}

function header(entry: TarEntry): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const { prefix, name } = splitPath(entry.path.replace(/^\/+/, ""));
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, entry.mode ?? 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, sizeOf(entry.data));
  writeOctal(block, 136, 12, Math.floor((entry.mtime ?? 0) / 1000));
  block.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  block[156] = 0x30; // regular file
  writeString(block, 257, 6, "ustar");
  writeString(block, 263, 2, "00");
  writeString(block, 345, 155, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return block;
}

/** The tar archive of the entries, as the parts of a Blob (files are not read into memory). */
export function tarParts(entries: TarEntry[]): Array<Uint8Array | Blob> {
  const parts: Array<Uint8Array | Blob> = [];
  for (const entry of entries) {
    parts.push(header(entry), entry.data);
    const pad = (BLOCK - (sizeOf(entry.data) % BLOCK)) % BLOCK;
    if (pad) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  return parts;
}

/** Where each entry of a tar sits in it: [start, end) covers its extension headers and data. */
async function tarEntries(
  blob: Blob,
): Promise<Array<{ path: string; start: number; end: number }>> {
  const entries: Array<{ path: string; start: number; end: number }> = [];
  const decoder = new TextDecoder();
  const text = (bytes: Uint8Array) => {
    const nul = bytes.indexOf(0);
    return decoder.decode(nul < 0 ? bytes : bytes.subarray(0, nul));
  };
  let off = 0;
  let start = 0;
  let longPath: string | null = null;
  while (off + BLOCK <= blob.size) {
    const header = new Uint8Array(await blob.slice(off, off + BLOCK).arrayBuffer());
    if (header.every((b) => b === 0)) break;
    const size = parseInt(text(header.subarray(124, 136)).trim() || "0", 8);
    const flag = String.fromCharCode(header[156] || 0x30);
    const dataEnd = off + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (flag === "x" || flag === "L") {
      const data = new Uint8Array(await blob.slice(off + BLOCK, off + BLOCK + size).arrayBuffer());
      if (flag === "L") longPath = text(data);
      else {
        const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(decoder.decode(data));
        if (match?.[1]) longPath = match[1];
      }
      off = dataEnd;
      continue;
    }
    const prefix = text(header.subarray(345, 500));
    const name = text(header.subarray(0, 100));
    const path = longPath ?? (prefix ? `${prefix}/${name}` : name);
    longPath = null;
    entries.push({ path: path.replace(/^(\.\/)+/, "").replace(/^\/+/, ""), start, end: dataEnd });
    off = dataEnd;
    start = off;
  }
  return entries;
}

/**
 * A build context tar with its .dockerignore moved to the front (the agent applies it while the
 * tar streams past) and its Dockerfile next (the server reads its FROM lines before the build
 * starts), made of slices of the original: nothing is copied. Gzip is unpacked first.
 */
export async function contextTar(file: Blob, dockerfile = "Dockerfile"): Promise<Blob> {
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const plain =
    magic[0] === 0x1f && magic[1] === 0x8b
      ? await new Response(file.stream().pipeThrough(new DecompressionStream("gzip"))).blob()
      : file;
  const entries = await tarEntries(plain);
  const wanted = dockerfile.replace(/^(\.\/)+/, "").replace(/^\/+/, "");
  const rank = (path: string) => (path === ".dockerignore" ? 0 : path === wanted ? 1 : 2);
  const ordered = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry.path) - rank(b.entry.path) || a.index - b.index)
    .map(({ entry }) => entry);
  if (ordered.every((entry, i) => entry === entries[i])) return plain;
  return new Blob([...ordered.map((e) => plain.slice(e.start, e.end)), new Uint8Array(BLOCK * 2)]);
}
