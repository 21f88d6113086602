/**
 * What compose.up writes before the engine sees anything: the stack's files confined to their
 * folder, and the build context tar a service's build sends to the engine.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ComposeBuildSchema, type ComposeBuild, type StackFile } from "@/lib/protocol";
import { buildContextTar } from "../../agent/src/compose/apply/build-context";
import { removeStackFiles, writeStackFiles } from "../../agent/src/compose/apply/stack-files";
import { TarScanner, type TarHeader } from "../../agent/src/volumes/tar";

function entries(tar: Buffer): Array<{ name: string; content: string }> {
  const found: Array<{ name: string; content: string }> = [];
  const scanner = new TarScanner({
    header: (h: TarHeader) => found.push({ name: h.name, content: "" }),
    data: (chunk) => {
      const last = found.at(-1);
      if (last) last.content += chunk.toString("utf8");
    },
  });
  scanner.write(tar);
  expect(scanner.ended).toBe(true);
  return found;
}

const build = (input: Partial<ComposeBuild> & { context: string }) =>
  ComposeBuildSchema.parse(input);

const FILES: StackFile[] = [
  { path: "compose.yaml", content: "services: {}\n" },
  { path: "Dockerfile.shared", content: "FROM scratch\n" },
  { path: "api/main.txt", content: "main\n" },
  { path: "api/Dockerfile", content: "FROM base\n" },
  { path: "api/.dockerignore", content: "*.log\n" },
  { path: "api-old/x.txt", content: "not in api\n" },
];

describe("buildContextTar", () => {
  it("holds the files under the context folder, .dockerignore first", () => {
    const { tar, dockerfile } = buildContextTar(FILES, build({ context: "api" }));
    expect(dockerfile).toBe("Dockerfile");
    expect(entries(tar).map((e) => e.name)).toEqual([".dockerignore", "main.txt", "Dockerfile"]);
  });

  it("adds an inline Dockerfile, or one outside the context, under a name of its own", () => {
    const inline = buildContextTar(
      FILES,
      build({ context: "api", dockerfileInline: "FROM inline\n" }),
    );
    expect(entries(inline.tar)).toContainEqual({
      name: inline.dockerfile,
      content: "FROM inline\n",
    });
    const outside = buildContextTar(
      FILES,
      build({ context: "api", dockerfile: "../Dockerfile.shared" }),
    );
    expect(entries(outside.tar)).toContainEqual({
      name: outside.dockerfile,
      content: "FROM scratch\n",
    });
    expect(outside.dockerfile).not.toContain("/");
  });

  it("refuses contexts and Dockerfiles outside the stack, and a Dockerfile it does not have", () => {
    for (const context of ["..", "../other", "/srv/app", "https://example.invalid/repo.git"]) {
      expect(() => buildContextTar(FILES, build({ context }))).toThrow(/not inside the stack/);
    }
    expect(() =>
      buildContextTar(FILES, build({ context: "api", dockerfile: "../../Dockerfile" })),
    ).toThrow(/not inside the stack/);
    expect(() => buildContextTar(FILES, build({ context: "api", dockerfile: "Nope" }))).toThrow(
      "The Dockerfile api/Nope is not one of the stack's files.",
    );
  });
});

describe("writeStackFiles", () => {
  let stacksDir: string;
  let outside: string;

  beforeEach(() => {
    stacksDir = mkdtempSync(path.join(tmpdir(), "berth-stack-files-"));
    outside = mkdtempSync(path.join(tmpdir(), "berth-outside-"));
  });
  afterEach(() => {
    rmSync(stacksDir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it("writes nothing through a symlink a container could have put in the stack's folder", async () => {
    mkdirSync(path.join(stacksDir, "app"));
    symlinkSync(outside, path.join(stacksDir, "app", "conf"));
    await expect(
      writeStackFiles(stacksDir, "app", [{ path: "conf/app.conf", content: "x" }]),
    ).rejects.toThrow("conf in the stack's folder is a symlink");
    expect(readdirSync(outside)).toEqual([]);
  });

  it("refuses a stack folder that is a symlink", async () => {
    symlinkSync(outside, path.join(stacksDir, "app"));
    await expect(
      writeStackFiles(stacksDir, "app", [{ path: "compose.yaml", content: "x" }]),
    ).rejects.toThrow("is a symlink");
    expect(readdirSync(outside)).toEqual([]);
  });

  it("replaces a symlink named like a stack file instead of writing through it", async () => {
    mkdirSync(path.join(stacksDir, "app"));
    writeFileSync(path.join(outside, "target"), "outside\n");
    symlinkSync(path.join(outside, "target"), path.join(stacksDir, "app", "compose.yaml"));
    await writeStackFiles(stacksDir, "app", [{ path: "compose.yaml", content: "inside\n" }]);
    expect(readFileSync(path.join(outside, "target"), "utf8")).toBe("outside\n");
    expect(readFileSync(path.join(stacksDir, "app", "compose.yaml"), "utf8")).toBe("inside\n");
  });

  it("removes files the stack no longer has, and only those", async () => {
    const folder = path.join(stacksDir, "app");
    await writeStackFiles(stacksDir, "app", [
      { path: "compose.yaml", content: "a" },
      { path: "conf/old.conf", content: "old" },
    ]);
    writeFileSync(path.join(folder, "conf", "written-by-a-container"), "data");
    await writeStackFiles(stacksDir, "app", [{ path: "compose.yaml", content: "b" }]);
    expect(existsSync(path.join(folder, "conf", "old.conf"))).toBe(false);
    expect(existsSync(path.join(folder, "conf", "written-by-a-container"))).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(["compose.yaml", "conf"]);

    expect(await removeStackFiles(stacksDir, "app", false)).toBe(false);
    expect(existsSync(path.join(folder, "compose.yaml"))).toBe(false);
    expect(await removeStackFiles(stacksDir, "app", true)).toBe(true);
    expect(existsSync(folder)).toBe(false);
  });
});
