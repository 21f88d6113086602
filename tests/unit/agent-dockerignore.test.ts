import { spawnSync } from "node:child_process";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DockerignoreFilter } from "../../agent/src/engine/dockerignore-filter";
import { tarParts } from "@/lib/images/tar";

const text = (s: string) => new TextEncoder().encode(s);

async function tarBuffer(entries: Parameters<typeof tarParts>[0]): Promise<Buffer> {
  return Buffer.from(await new Blob(tarParts(entries) as BlobPart[]).arrayBuffer());
}

async function filtered(entries: Parameters<typeof tarParts>[0], dockerfile = "Dockerfile") {
  const input = await tarBuffer(entries);
  // odd chunk sizes: headers and data split anywhere
  const chunks: Buffer[] = [];
  for (let off = 0; off < input.length; off += 333) chunks.push(input.subarray(off, off + 333));
  const out: Buffer[] = [];
  const filter = new DockerignoreFilter(dockerfile);
  Readable.from(chunks).pipe(filter);
  for await (const chunk of filter) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

/** A raw tar header block of the given type and data size (the filter reads no checksums). */
function rawHeader(name: string, flag: string, size: number): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, "utf8");
  block.write(size.toString(8).padStart(11, "0"), 124, "ascii");
  block.write(flag, 156, "ascii");
  block.write("ustar", 257, "ascii");
  return block;
}

/** `count` pax headers of `size` bytes each, then one file: how long-name records look. */
function paxFlood(count: number, size: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < count; i += 1) {
    parts.push(rawHeader("PaxHeader", "x", size), Buffer.alloc(Math.ceil(size / 512) * 512, 0x41));
  }
  parts.push(rawHeader("a.txt", "0", 0), Buffer.alloc(1024));
  return Buffer.concat(parts);
}

async function drain(input: Buffer): Promise<number> {
  const filter = new DockerignoreFilter("Dockerfile");
  const chunks: Buffer[] = [];
  for (let off = 0; off < input.length; off += 64 * 1024) {
    chunks.push(input.subarray(off, off + 64 * 1024));
  }
  Readable.from(chunks).pipe(filter);
  let bytes = 0;
  for await (const chunk of filter) bytes += (chunk as Buffer).length;
  return bytes;
}

function list(tar: Buffer): string[] {
  const res = spawnSync("tar", ["-tf", "-"], { input: tar, encoding: "utf8" });
  expect(res.status).toBe(0);
  return res.stdout.split("\n").filter(Boolean);
}

describe("DockerignoreFilter", () => {
  it("leaves out what .dockerignore excludes, keeping exceptions, the Dockerfile and itself", async () => {
    const out = await filtered([
      { path: "Dockerfile", data: text("FROM scratch\n") },
      {
        path: ".dockerignore",
        data: text("# comment\n*.secret\nnode_modules\n!keep.secret\nDockerfile\n"),
      },
      { path: "app.txt", data: text("a".repeat(1000)) },
      { path: "db.secret", data: text("hunter2") },
      { path: "keep.secret", data: text("fine") },
      { path: "node_modules/x/index.js", data: text("x") },
      { path: `deep/${"d".repeat(120)}/file.txt`, data: text("long path") },
    ]);
    expect(list(out)).toEqual([
      "Dockerfile",
      ".dockerignore",
      "app.txt",
      "keep.secret",
      `deep/${"d".repeat(120)}/file.txt`,
    ]);
    const app = spawnSync("tar", ["-xOf", "-", "app.txt"], { input: out, encoding: "utf8" });
    expect(app.stdout).toBe("a".repeat(1000));
  });

  it("passes a context without .dockerignore through unchanged", async () => {
    const entries = [
      { path: "Dockerfile", data: text("FROM scratch\n") },
      { path: "x.secret", data: text("x") },
    ];
    const input = await tarBuffer(entries);
    expect((await filtered(entries)).equals(input)).toBe(true);
  });

  it("refuses a .dockerignore that comes after files it could exclude", async () => {
    await expect(
      filtered([
        { path: "a.txt", data: text("a") },
        { path: ".dockerignore", data: text("a.txt\n") },
      ]),
    ).rejects.toThrow(/Put .dockerignore first/);
  });

  it("holds at most a few extended headers for one entry, not a context made of them", async () => {
    // Each header alone is within the old per-header cap; together they were all held in memory.
    await expect(drain(paxFlood(10_000, 1024))).rejects.toThrow(/too many extended headers/);
    await expect(drain(paxFlood(3, 512 * 1024))).rejects.toThrow(/oversized extended header/);
    await expect(drain(paxFlood(1, 2 * 1024 * 1024))).rejects.toThrow(/oversized extended header/);
  });

  it("passes the long names real tar tools write", async () => {
    const long = `${"x".repeat(150)}/${"y".repeat(150)}.txt`;
    const input = await tarBuffer([{ path: "Dockerfile", data: text("FROM scratch\n") }]);
    const gnu = spawnSync("tar", [
      "--format=gnu",
      "-cf",
      "-",
      "-C",
      "/",
      "--transform",
      `s|.*|${long}|`,
      "etc/hostname",
    ]);
    const pax = spawnSync("tar", [
      "--format=pax",
      "-cf",
      "-",
      "-C",
      "/",
      "--transform",
      `s|.*|${long}|`,
      "etc/hostname",
    ]);
    for (const tar of [gnu.stdout, pax.stdout]) {
      const out: Buffer[] = [];
      const filter = new DockerignoreFilter("Dockerfile");
      Readable.from([input.subarray(0, input.length - 1024), tar]).pipe(filter);
      for await (const chunk of filter) out.push(chunk as Buffer);
      expect(list(Buffer.concat(out))).toEqual(["Dockerfile", long]);
    }
  });
});
