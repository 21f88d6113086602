import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { VolumePathSchema, volumeHostPaths, volumePathParts } from "@/lib/protocol";
import { listingCommand, parseListing } from "../../agent/src/volumes/volume-listing";
import { formatMode, parsePairs } from "@/components/volumes/api";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("paths inside a volume", () => {
  it("are relative, without '..', and normalised", () => {
    expect(volumePathParts("")).toEqual([]);
    expect(volumePathParts("a//b/./c/")).toEqual(["a", "b", "c"]);
    expect(() => volumePathParts("/etc")).toThrow("absolute paths are refused");
    expect(() => volumePathParts("a/../../b")).toThrow("'..'");
    expect(() => volumePathParts("..")).toThrow("'..'");
    expect(() => volumePathParts("a\0b")).toThrow("NUL");
    expect(VolumePathSchema.parse("./x/./y")).toBe("x/y");
    expect(VolumePathSchema.safeParse("../x").success).toBe(false);
  });
});

describe("volumes that bind host paths", () => {
  it("are local volumes with a device path or overlay directories", () => {
    expect(volumeHostPaths("local", { type: "none", o: "bind", device: "/srv/data" })).toEqual([
      "/srv/data",
    ]);
    expect(volumeHostPaths("local", { type: "ext4", device: "/dev/sdb1" })).toEqual(["/dev/sdb1"]);
    expect(
      volumeHostPaths("local", {
        type: "overlay",
        device: "overlay",
        o: "lowerdir=/a:/b,upperdir=/u,workdir=/w",
      }),
    ).toEqual(["/a", "/b", "/u", "/w"]);
    expect(volumeHostPaths("local", { type: "tmpfs", device: "tmpfs", o: "size=1m" })).toEqual([]);
    expect(
      volumeHostPaths("local", { type: "nfs", o: "addr=10.0.0.1,rw", device: ":/export" }),
    ).toEqual([]);
    expect(volumeHostPaths("some/plugin", { device: "/etc" })).toEqual([]);
  });
});

describe("a folder listing from busybox find and stat", () => {
  it("reads odd names, owners, modes and symlink targets, folders first", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "berth-listing-"));
    dirs.push(dir);
    mkdirSync(path.join(dir, "z-folder"));
    writeFileSync(path.join(dir, "with space.txt"), "12345");
    writeFileSync(path.join(dir, "new\nline"), "");
    writeFileSync(path.join(dir, "quote' -> 'trick"), "");
    symlinkSync("../../etc/passwd", path.join(dir, "link"));
    spawnSync("chmod", ["4750", path.join(dir, "with space.txt")]);
    const [cmd, ...args] = listingCommand(dir);
    const out = spawnSync("busybox", [cmd!, ...args], { encoding: "utf8" });
    expect(out.status).toBe(0);
    const { entries, truncated } = parseListing(out.stdout, dir);
    expect(truncated).toBe(false);
    expect(entries.map((e) => `${e.type}:${e.name}`)).toEqual([
      "dir:z-folder",
      "symlink:link",
      "file:new\nline",
      "file:quote' -> 'trick",
      "file:with space.txt",
    ]);
    expect(entries.find((e) => e.name === "link")?.linkTarget).toBe("../../etc/passwd");
    expect(entries.find((e) => e.name === "with space.txt")).toMatchObject({
      size: 5,
      mode: 0o4750,
      uid: 0,
    });
  });
});

describe("what the file browser shows", () => {
  it("writes modes as ls does and reads name=value lines", () => {
    expect(formatMode(0o755, "dir")).toBe("drwxr-xr-x");
    expect(formatMode(0o4755, "file")).toBe("-rwsr-xr-x");
    expect(formatMode(0o1777, "dir")).toBe("drwxrwxrwt");
    expect(formatMode(0o2640, "file")).toBe("-rw-r-S---");
    expect(parsePairs("a=1\n\n b = x=y ")).toEqual({ pairs: { a: "1", b: "x=y" }, bad: null });
    expect(parsePairs("a=1\noops").bad).toBe("oops");
  });
});
