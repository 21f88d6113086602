import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import {
  TAR_END,
  TarFormatError,
  TarScanner,
  tarEntryHeader,
  tarPadding,
  type TarHeader,
} from "../../agent/src/volumes/tar";
import { BackupTarCheck, FirstFileData } from "../../agent/src/volumes/tar-streams";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A tar made by GNU tar from a folder built by `fill`, in the given format. */
function gnuTar(format: "pax" | "gnu", fill: (dir: string) => void): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-tar-"));
  dirs.push(dir);
  fill(dir);
  const out = spawnSync("tar", [`--format=${format}`, "-C", dir, "-cf", "-", "."], {
    maxBuffer: 1 << 26,
  });
  if (out.status !== 0) throw new Error(out.stderr.toString());
  return out.stdout;
}

/** Feeds the archive in odd pieces (headers and data split anywhere). */
function scan(tar: Buffer, piece = 333) {
  const headers: TarHeader[] = [];
  const data = new Map<string, Buffer[]>();
  const scanner = new TarScanner({
    header: (h) => headers.push(h),
    data: (chunk, h) => data.set(h.name, [...(data.get(h.name) ?? []), Buffer.from(chunk)]),
  });
  for (let off = 0; off < tar.length; off += piece) scanner.write(tar.subarray(off, off + piece));
  scanner.end();
  return { headers, data: (name: string) => Buffer.concat(data.get(name) ?? []).toString() };
}

async function drain(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

const LONG = `${"a-very-long-folder-name-".repeat(6)}/${"and-a-long-file-name-".repeat(6)}.txt`;

describe("reading tar archives as they pass", () => {
  for (const format of ["pax", "gnu"] as const) {
    it(`reads names of any length, links and data of GNU tar's ${format} format`, () => {
      const tar = gnuTar(format, (dir) => {
        mkdirSync(path.join(dir, path.dirname(LONG)), { recursive: true });
        writeFileSync(path.join(dir, LONG), "long\n");
        writeFileSync(path.join(dir, "small.txt"), "x".repeat(1000));
        symlinkSync("small.txt", path.join(dir, "link"));
      });
      const { headers, data } = scan(tar);
      expect(headers.map((h) => `${h.type} ${h.name}`).sort()).toEqual(
        ["5 ./", `5 ./${path.dirname(LONG)}/`, `0 ./${LONG}`, "0 ./small.txt", "2 ./link"].sort(),
      );
      expect(headers.find((h) => h.type === "2")?.linkName).toBe("small.txt");
      expect(data(`./${LONG}`)).toBe("long\n");
      expect(data("./small.txt")).toBe("x".repeat(1000));
    });
  }

  it("refuses what is no tar, and a tar cut in the middle", () => {
    const garbage = Buffer.from("not a tar ".repeat(100));
    expect(() => scan(garbage)).toThrow(new TarFormatError("it is not a tar archive"));
    const tar = gnuTar("pax", (dir) => writeFileSync(path.join(dir, "f"), "y".repeat(5000)));
    expect(() => scan(tar.subarray(0, 2000))).toThrow(
      "the tar archive ends in the middle of an entry",
    );
    expect(() => scan(Buffer.alloc(0))).toThrow("the file is empty");
  });

  it("writes headers GNU tar reads back, long names included", () => {
    const body = Buffer.from("hello\n");
    const tar = Buffer.concat([
      tarEntryHeader({ name: "folder/", type: "dir", size: 0, mode: 0o755, mtime: 1_600_000_000 }),
      tarEntryHeader({
        name: LONG.replace("/", "_"),
        type: "file",
        size: body.length,
        mode: 0o640,
        mtime: 1_600_000_000,
      }),
      body,
      tarPadding(body.length),
      TAR_END,
    ]);
    const listed = spawnSync("tar", ["-tvf", "-"], { input: tar });
    expect(listed.status).toBe(0);
    const lines = listed.stdout.toString().trim().split("\n");
    expect(lines[0]).toMatch(/^drwxr-xr-x 0\/0\s+0 2020-09-1\d \d\d:\d6 folder\/$/);
    expect(lines[1]).toMatch(new RegExp(`^-rw-r----- 0/0\\s+6 .* ${LONG.replace("/", "_")}$`));
    expect(scan(tar).data(LONG.replace("/", "_"))).toBe("hello\n");
  });
});

describe("checking a backup on its way to the engine", () => {
  async function check(tar: Buffer) {
    const checker = new BackupTarCheck();
    const out = await drain(Readable.from([tar]).pipe(checker));
    return { checker, out };
  }

  it("passes a backup through unchanged and keeps its root folder's owner, mode and time", async () => {
    const tar = gnuTar("pax", (dir) => {
      writeFileSync(path.join(dir, "a.txt"), "a");
      mkdirSync(path.join(dir, "empty"));
    });
    const { checker, out } = await check(tar);
    expect(out.equals(tar)).toBe(true);
    expect(checker.entries).toBe(3);
    expect(checker.root).toMatchObject({ mode: 0o700, uid: 0, gid: 0 });
  });

  it("refuses entries that climb out, absolute ones and device files", async () => {
    const entry = (name: string, type: "file" | "dir" = "file") =>
      Buffer.concat([tarEntryHeader({ name, type, size: 0, mode: 0o644, mtime: 0 }), TAR_END]);
    await expect(check(entry("../escape"))).rejects.toThrow(
      "it holds a path with '..' (../escape)",
    );
    await expect(check(entry("ok/../../x"))).rejects.toThrow("'..'");
    await expect(check(entry("/etc/passwd"))).rejects.toThrow(
      "it holds an absolute path (/etc/passwd)",
    );
    const device = tarEntryHeader({ name: "dev", type: "file", size: 0, mode: 0o600, mtime: 0 });
    device.write("3", 156, "ascii");
    let sum = 0;
    device.fill(0x20, 148, 156);
    for (const b of device) sum += b;
    device.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
    await expect(check(Buffer.concat([device, TAR_END]))).rejects.toThrow(
      "it holds a device file (dev)",
    );
  });
});

describe("one file's bytes out of a tar", () => {
  it("gives the first file's data and stops, up to a limit when asked", async () => {
    const tar = gnuTar("pax", (dir) =>
      writeFileSync(path.join(dir, "only.bin"), Buffer.alloc(70_000, 7)),
    );
    const whole = await drain(Readable.from([tar]).pipe(new FirstFileData()));
    expect(whole.equals(Buffer.alloc(70_000, 7))).toBe(true);
    const start = await drain(Readable.from([tar]).pipe(new FirstFileData(1000)));
    expect(start.equals(Buffer.alloc(1000, 7))).toBe(true);
  });
});
