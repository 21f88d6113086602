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
});
