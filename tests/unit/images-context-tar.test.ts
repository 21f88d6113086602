import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contextTar } from "@/lib/images/tar";

const dir = mkdtempSync(path.join(os.tmpdir(), "berth-context-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A context tar as `tar` writes it, with .dockerignore added last (after what it excludes). */
function systemTar(gzip: boolean): Buffer {
  const src = path.join(dir, "src");
  mkdirSync(path.join(src, `deep/${"d".repeat(120)}`), { recursive: true });
  writeFileSync(path.join(src, "Dockerfile"), "FROM scratch\n");
  writeFileSync(path.join(src, "secret.txt"), "no\n");
  writeFileSync(path.join(src, `deep/${"d".repeat(120)}/f.txt`), "long\n");
  writeFileSync(path.join(src, ".dockerignore"), "secret.txt\n");
  const out = path.join(dir, gzip ? "ctx.tar.gz" : "ctx.tar");
  const args = [
    gzip ? "-czf" : "-cf",
    out,
    "-C",
    src,
    "Dockerfile",
    "secret.txt",
    "deep",
    ".dockerignore",
  ];
  expect(spawnSync("tar", args).status).toBe(0);
  return readFileSync(out);
}

async function names(blob: Blob): Promise<string[]> {
  const res = spawnSync("tar", ["-tf", "-"], {
    input: Buffer.from(await blob.arrayBuffer()),
    encoding: "utf8",
  });
  expect(res.status).toBe(0);
  return res.stdout.split("\n").filter(Boolean);
}

describe("contextTar", () => {
  it.each([false, true])("moves .dockerignore to the front (gzip: %s)", async (gzip) => {
    const ctx = await contextTar(new Blob([new Uint8Array(systemTar(gzip))]));
    const list = await names(ctx);
    expect(list.slice(0, 2)).toEqual([".dockerignore", "Dockerfile"]);
    expect(list).toContain("secret.txt");
    expect(list).toContain(`deep/${"d".repeat(120)}/f.txt`);
    const content = spawnSync("tar", ["-xOf", "-", `deep/${"d".repeat(120)}/f.txt`], {
      input: Buffer.from(await ctx.arrayBuffer()),
      encoding: "utf8",
    });
    expect(content.stdout).toBe("long\n");
  });
});
