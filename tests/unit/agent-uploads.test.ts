import { describe, expect, it } from "vitest";
import { UploadManager } from "../../agent/src/uploads/upload-manager";

describe("UploadManager", () => {
  it("holds a chunk's ack while the reader is behind, and hands the bytes over in order", async () => {
    const uploads = new UploadManager();
    expect(uploads.handleOpen({ uploadId: "u1" })).toEqual({ ok: true });
    const stream = uploads.take("u1");
    const big = new Uint8Array(1024 * 1024); // fills the buffer: its ack waits for the reader
    let acked = false;
    const ack = uploads.handleChunk({ uploadId: "u1", data: big }).then((reply) => {
      acked = true;
      return reply;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(acked).toBe(false);
    const received: Buffer[] = [];
    stream.on("data", (b: Buffer) => received.push(b));
    expect(await ack).toEqual({ ok: true });
    expect(await uploads.handleChunk({ uploadId: "u1", data: new Uint8Array([1, 2, 3]) })).toEqual({
      ok: true,
    });
    uploads.handleEnd({ uploadId: "u1" });
    await new Promise((r) => stream.on("end", r));
    const all = Buffer.concat(received);
    expect(all.length).toBe(1024 * 1024 + 3);
    expect([...all.subarray(-3)]).toEqual([1, 2, 3]);
  });

  it("refuses chunks once the command stopped reading, and a second reader", async () => {
    const uploads = new UploadManager();
    uploads.handleOpen({ uploadId: "u2" });
    const stream = uploads.take("u2");
    expect(() => uploads.take("u2")).toThrow(/not open/);
    stream.destroy();
    await new Promise((r) => setImmediate(r));
    expect(await uploads.handleChunk({ uploadId: "u2", data: new Uint8Array([1]) })).toEqual({
      ok: false,
      error: { code: "NOT_FOUND", message: "upload u2 is not open" },
    });
  });
});
