import { describe, expect, it } from "vitest";
import { selectStackFiles, stackFileText, type TreeEntry } from "@/lib/stacks/git/stack-folder";

const file = (path: string, size = 10): TreeEntry => ({
  path,
  kind: "file",
  oid: `oid:${path}`,
  size,
});
const link = (path: string, linkTarget: string): TreeEntry => ({
  path,
  kind: "symlink",
  oid: `oid:${path}`,
  size: linkTarget.length,
  linkTarget,
});

describe("a stack's folder from a git tree", () => {
  it("follows links inside the folder, through linked folders too", () => {
    const { files, skipped } = selectStackFiles(
      [
        file("compose.yaml"),
        file("conf/app.conf"),
        link("conf/current", "app.conf"),
        link("etc", "conf"),
        link("via-etc", "etc/app.conf"),
        link("dangling", "nowhere.txt"),
        { path: "vendor/lib", kind: "submodule", oid: "c0ffee", size: 0 },
      ],
      "stack/",
    );
    expect(Object.fromEntries(files.map((f) => [f.path, f.oid]))).toEqual({
      "compose.yaml": "oid:compose.yaml",
      "conf/app.conf": "oid:conf/app.conf",
      "conf/current": "oid:conf/app.conf",
      "etc/app.conf": "oid:conf/app.conf",
      "etc/current": "oid:conf/app.conf",
      "via-etc": "oid:conf/app.conf",
    });
    expect(skipped).toEqual([
      { path: "dangling", reason: "a symbolic link to nowhere.txt, which is not in the commit" },
      { path: "vendor/lib", reason: "a git submodule" },
    ]);
  });

  it("refuses a link that leaves the folder, even through another link", () => {
    expect(() => selectStackFiles([file("compose.yaml"), link("up", "..")], "stack/")).toThrow(
      "up is a symbolic link to .., outside the stack's folder stack/",
    );
    expect(() =>
      selectStackFiles([file("compose.yaml"), link("a", "b/../../x"), link("c", "/etc")], "stack/"),
    ).toThrow("a is a symbolic link to b/../../x, outside");
    expect(() =>
      selectStackFiles(
        [file("compose.yaml"), file("d/x"), link("d/out", "../.."), link("hop", "d/out/secret")],
        "stack/",
      ),
    ).toThrow(/outside the stack's folder/);
  });

  it("stops at links that loop", () => {
    expect(() =>
      selectStackFiles([file("compose.yaml"), link("a", "b"), link("b", "a")], "stack/"),
    ).toThrow("too many levels of symbolic links");
    expect(() =>
      selectStackFiles([file("compose.yaml"), file("d/x"), link("d/self", ".")], "stack/"),
    ).toThrow("d/self: too many levels of symbolic links");
  });

  it("refuses paths a stack cannot hold and too many files", () => {
    expect(() => selectStackFiles([file("compose.yaml"), file("a\\b")], "stack/")).toThrow(
      "a\\b cannot be a stack's file",
    );
    const many = Array.from({ length: 501 }, (_, i) => file(`f${i}`));
    expect(() => selectStackFiles(many, "stack/")).toThrow(
      "holds 501 files; a stack has at most 500",
    );
  });

  it("reads text and names a file that is not", () => {
    expect(stackFileText("a.txt", Buffer.from("héllo\n"))).toBe("héllo\n");
    expect(() => stackFileText("img.png", Buffer.from([0x89, 0x00]))).toThrow(
      "img.png is a binary file",
    );
    expect(() => stackFileText("latin1.txt", Buffer.from([0xe9, 0x41]))).toThrow(
      "latin1.txt is a binary file",
    );
  });
});
