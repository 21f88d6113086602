import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DOCKERFILE_LOOKAHEAD_BYTES, readContextDockerfile } from "@/lib/images/context-dockerfile";
import { imagesPulledBy } from "@/lib/images/dockerfile-images";
import { tarParts, type TarEntry } from "@/lib/images/tar";

const text = (s: string) => new TextEncoder().encode(s);

describe("imagesPulledBy", () => {
  it("names the FROM images, not stages, indexes or scratch", () => {
    const dockerfile = `# syntax=docker/dockerfile:1
FROM --platform=linux/amd64 registry.a.test:5000/team/base:1 AS Build
RUN make
FROM build AS again
FROM scratch
COPY --from=0 /x /x
COPY --from=BUILD /y /y
COPY --from=registry.c.test/tools:2 /bin/tool /bin/tool
FROM busybox
`;
    expect(imagesPulledBy(dockerfile, {})).toEqual([
      "registry.a.test:5000/team/base:1",
      "registry.c.test/tools:2",
      "busybox",
    ]);
  });

  it("substitutes ARGs declared before the first FROM: defaults, then the build's values", () => {
    const dockerfile = `ARG REGISTRY=registry.a.test
ARG TAG="1"
ARG UNSET
FROM \${REGISTRY}/app:$TAG
FROM \${UNSET:-registry.b.test}/other:\${TAG}
FROM $UNSET/never
FROM $NOT_DECLARED/never
`;
    expect(imagesPulledBy(dockerfile, {})).toEqual([
      "registry.a.test/app:1",
      "registry.b.test/other:1",
    ]);
    expect(imagesPulledBy(dockerfile, { REGISTRY: "registry.z.test", NOT_DECLARED: "x" })).toEqual([
      "registry.z.test/app:1",
      "registry.b.test/other:1",
    ]);
    // Build arguments no ARG declares do not reach FROM, as with the engine.
    expect(imagesPulledBy("FROM $X/app\n", { X: "registry.z.test" })).toEqual([]);
  });

  it("reads continued lines, comments, lower-case keywords and the escape directive", () => {
    expect(
      imagesPulledBy(
        "# escape=`\nfrom `\n  --platform=linux/arm64 `\n# a comment\n  registry.a.test/x:1\n",
        {},
      ),
    ).toEqual(["registry.a.test/x:1"]);
    expect(imagesPulledBy("FROM \\\n registry.b.test/y\n", {})).toEqual(["registry.b.test/y"]);
  });
});

async function chunks(iterable: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const chunk of iterable) out.push(chunk);
  return Buffer.concat(out);
}

async function tar(entries: TarEntry[]): Promise<Buffer> {
  return Buffer.from(await new Blob(tarParts(entries) as BlobPart[]).arrayBuffer());
}

/** The tar as a request body arrives: in pieces of odd sizes. */
function body(bytes: Buffer, piece = 1000): AsyncIterable<Uint8Array> {
  const parts: Buffer[] = [];
  for (let off = 0; off < bytes.length; off += piece) parts.push(bytes.subarray(off, off + piece));
  return Readable.from(parts);
}

describe("readContextDockerfile", () => {
  it("finds the Dockerfile by its path and passes every byte on", async () => {
    const bytes = await tar([
      { path: ".dockerignore", data: text("secret\n") },
      { path: "big.bin", data: new Uint8Array(300_000) },
      { path: "./docker/Build.dockerfile", data: text("FROM registry.a.test/x\n") },
      { path: "app.txt", data: text("hello") },
    ]);
    const read = await readContextDockerfile(body(bytes), "docker/Build.dockerfile");
    expect(read.dockerfile).toBe("FROM registry.a.test/x\n");
    expect((await chunks(read.context)).equals(bytes)).toBe(true);
  });

  it("gives up past the lookahead, still passing every byte on", async () => {
    const bytes = await tar([
      { path: "big.bin", data: new Uint8Array(DOCKERFILE_LOOKAHEAD_BYTES + 1) },
      { path: "Dockerfile", data: text("FROM registry.a.test/x\n") },
    ]);
    const read = await readContextDockerfile(body(bytes, 64 * 1024), "Dockerfile");
    expect(read.dockerfile).toBeNull();
    expect((await chunks(read.context)).equals(bytes)).toBe(true);
  });

  it("gives up on what is not a plain tar", async () => {
    for (const bytes of [
      Buffer.from([0x1f, 0x8b, 8, 0, ...new Array(600).fill(0)]),
      Buffer.from("no tar"),
    ]) {
      const read = await readContextDockerfile(body(bytes), "Dockerfile");
      expect(read.dockerfile).toBeNull();
      expect((await chunks(read.context)).equals(bytes)).toBe(true);
    }
  });
});
