import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveHostPath } from "../../agent/src/policy/resolve-host-path";

let root: string;

beforeAll(async () => {
  // realpath: the temp directory itself may sit behind a symlink
  root = await realpath(await mkdtemp(path.join(os.tmpdir(), "berth-resolve-")));
  await mkdir(path.join(root, "srv/data/app"), { recursive: true });
  await mkdir(path.join(root, "etc"), { recursive: true });
  await writeFile(path.join(root, "etc/shadow"), "secret");
  // what a container with /srv/data bound could plant: links that lead out of it
  await symlink(path.join(root, "etc"), path.join(root, "srv/data/escape"));
  await symlink("../../etc", path.join(root, "srv/data/relative"));
  await symlink("/", path.join(root, "srv/data/slash"));
  await symlink("/nonexistent/berth/x", path.join(root, "srv/data/dangling"));
  await symlink(path.join(root, "srv/data/loop-b"), path.join(root, "srv/data/loop-a"));
  await symlink(path.join(root, "srv/data/loop-a"), path.join(root, "srv/data/loop-b"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the agent resolves host paths as the kernel would", () => {
  it("leaves real paths as they are, without trailing slashes or dots", async () => {
    expect(await resolveHostPath(`${root}/srv/data/app`)).toBe(`${root}/srv/data/app`);
    expect(await resolveHostPath(`${root}//srv/./data/app/`)).toBe(`${root}/srv/data/app`);
    expect(await resolveHostPath("/")).toBe("/");
  });

  it("follows symlinks planted inside an allowed directory to where they lead", async () => {
    expect(await resolveHostPath(`${root}/srv/data/escape`)).toBe(`${root}/etc`);
    expect(await resolveHostPath(`${root}/srv/data/escape/shadow`)).toBe(`${root}/etc/shadow`);
    expect(await resolveHostPath(`${root}/srv/data/relative`)).toBe(`${root}/etc`);
    expect(await resolveHostPath(`${root}/srv/data/slash`)).toBe("/");
    expect(await resolveHostPath(`${root}/srv/data/slash/etc`)).toBe("/etc");
  });

  it("applies .. to the real directory, not to the text", async () => {
    expect(await resolveHostPath(`${root}/srv/data/../../etc`)).toBe(`${root}/etc`);
    // lexically this is srv/data; through the symlink it is the parent of etc
    expect(await resolveHostPath(`${root}/srv/data/escape/..`)).toBe(root);
    expect(await resolveHostPath(`${root}/srv/data/slash/..`)).toBe("/");
  });

  it("follows a dangling symlink to where it would lead", async () => {
    expect(await resolveHostPath(`${root}/srv/data/dangling`)).toBe("/nonexistent/berth/x");
    expect(await resolveHostPath(`${root}/srv/data/dangling/y`)).toBe("/nonexistent/berth/x/y");
  });

  it("resolves a path that does not exist yet as the directories the engine would create", async () => {
    // once created, nonexistent/.. is srv/data again, and escape its symlink
    expect(await resolveHostPath(`${root}/srv/data/nonexistent/../escape`)).toBe(`${root}/etc`);
    expect(await resolveHostPath(`${root}/srv/data/new/dir`)).toBe(`${root}/srv/data/new/dir`);
    expect(await resolveHostPath(`${root}/srv/data/escape/new`)).toBe(`${root}/etc/new`);
    expect(await resolveHostPath(`${root}/srv/data/new/../../../etc`)).toBe(`${root}/etc`);
  });

  it("refuses a symlink loop instead of hanging", async () => {
    await expect(resolveHostPath(`${root}/srv/data/loop-a`)).rejects.toThrow(
      /loop of symlinks on the host/,
    );
  });
});
