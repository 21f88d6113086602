import http from "node:http";
import type { Readable } from "node:stream";

/** Fails like dockerode's errors (statusCode, json), so toWireError maps it the same way. */
export class EngineHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly json: unknown,
  ) {
    super(`(HTTP code ${statusCode}) engine error`);
  }
}

/** What HEAD /containers/{id}/archive says about a path (Go's os.FileMode bits in `mode`). */
export interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  /** For a symlink: where it leads, resolved inside the container. */
  linkTarget: string;
}

/** Bit `n` of a Go os.FileMode (which uses all 32 bits: JS bit operators would sign them). */
const bit = (mode: number, n: number) => Math.floor(mode / 2 ** n) % 2 === 1;
/** Go's ModeDir, ModeSymlink, ModeDevice, ModeNamedPipe, ModeSocket, ModeCharDevice, ModeIrregular. */
const TYPE_BITS = [31, 27, 26, 25, 24, 21, 19];

export const isDirMode = (mode: number) => bit(mode, 31);
export const isSymlinkMode = (mode: number) => bit(mode, 27);
export const isFileMode = (mode: number) => TYPE_BITS.every((n) => !bit(mode, n));

/** Unix permission bits with setuid, setgid and sticky, from a Go os.FileMode. */
export function unixPermissions(mode: number): number {
  return (
    (mode % 512) +
    (bit(mode, 23) ? 0o4000 : 0) +
    (bit(mode, 22) ? 0o2000 : 0) +
    (bit(mode, 20) ? 0o1000 : 0)
  );
}

const archivePath = (id: string, path: string, extra = "") =>
  `/containers/${encodeURIComponent(id)}/archive?path=${encodeURIComponent(path)}${extra}`;

async function readBody(res: http.IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    if (size < 64 * 1024) parts.push(chunk);
    size += chunk.length;
  }
  const text = Buffer.concat(parts).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function send(
  socketPath: string,
  method: string,
  path: string,
  body?: Readable,
): Promise<http.IncomingMessage> {
  if (body?.errored) return Promise.reject(body.errored);
  return new Promise((resolve, reject) => {
    const req = http.request({
      socketPath,
      method,
      path,
      headers: body ? { "content-type": "application/x-tar", "transfer-encoding": "chunked" } : {},
    });
    let bodyError: Error | null = null;
    req.on("response", (res) => {
      // the engine answered: whatever is still unsent is not wanted
      if (body && res.statusCode !== 200) body.unpipe(req);
      resolve(res);
    });
    req.on("error", (err) => reject(bodyError ?? err));
    if (!body) {
      req.end();
      return;
    }
    body.on("error", (err) => {
      bodyError = err;
      req.destroy(err);
    });
    body.pipe(req);
  });
}

async function failed(res: http.IncomingMessage): Promise<never> {
  throw new EngineHttpError(res.statusCode ?? 500, await readBody(res));
}

/** HEAD: the path's stat inside the container (symlinks in the path followed), or null if missing. */
export async function statArchivePath(
  socketPath: string,
  id: string,
  path: string,
): Promise<PathStat | null> {
  const res = await send(socketPath, "HEAD", archivePath(id, path));
  res.resume();
  if (res.statusCode === 404) return null;
  if (res.statusCode !== 200) return failed(res);
  const header = res.headers["x-docker-container-path-stat"];
  if (typeof header !== "string") throw new Error("the engine sent no path stat");
  return JSON.parse(Buffer.from(header, "base64").toString("utf8")) as PathStat;
}

/** GET: the path as a tar (a folder's entries are named after it; "/v/." gives "./…"). */
export async function getArchive(socketPath: string, id: string, path: string): Promise<Readable> {
  const res = await send(socketPath, "GET", archivePath(id, path));
  if (res.statusCode !== 200) return failed(res);
  return res;
}

/**
 * PUT: extracts the tar into the folder `path` (the engine does it, as root, confined to the
 * container). Resolves once the engine has taken the whole tar; a failing body fails the PUT
 * with the body's error.
 */
export async function putArchive(
  socketPath: string,
  id: string,
  path: string,
  tar: Readable,
): Promise<void> {
  const res = await send(
    socketPath,
    "PUT",
    archivePath(id, path, "&noOverwriteDirNonDir=true"),
    tar,
  );
  if (res.statusCode !== 200) {
    tar.destroy();
    return failed(res);
  }
  res.resume();
  await new Promise<void>((resolve, reject) => {
    res.once("end", resolve);
    res.once("error", reject);
  });
  if (tar.errored) throw tar.errored;
}
