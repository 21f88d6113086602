import { describe, expect, it } from "vitest";
import { UploadManager } from "../../agent/src/uploads/upload-manager";

describe("UploadManager", () => {
  it("holds a chunk's ack while the reader is behind, and hands the bytes over in order", async () => {
    const uploads = new UploadManager();
    expect(uploads.handleOpen({ uploadId: "u1" })).toEqual({ ok: true });
    const stream = uploads.take("u1");
    const MiB = 1024 * 1024;
    // chunks of 1 MiB, each filled with its number, until one's ack waits for the reader: the
    // agent holds a bounded amount of an upload nobody reads
    const held: Array<Promise<unknown>> = [];
    let sent = 0;
    while (held.length === 0) {
      sent += 1;
      expect(sent, "an ack was held before 8 MiB").toBeLessThanOrEqual(8);
      let acked = false;
      const ack = uploads
        .handleChunk({ uploadId: "u1", data: new Uint8Array(MiB).fill(sent) })
        .then((reply) => ((acked = true), reply));
      await new Promise((r) => setTimeout(r, 50));
      if (!acked) held.push(ack);
    }
    const received: Buffer[] = [];
    stream.on("data", (b: Buffer) => received.push(b));
    expect(await held[0]).toEqual({ ok: true });
    expect(await uploads.handleChunk({ uploadId: "u1", data: new Uint8Array([1, 2, 3]) })).toEqual({
      ok: true,
    });
    uploads.handleEnd({ uploadId: "u1" });
    await new Promise((r) => stream.on("end", r));
    const all = Buffer.concat(received);
    expect(all.length).toBe(sent * MiB + 3);
    for (let i = 1; i <= sent; i++) expect(all[(i - 1) * MiB], `chunk ${i}`).toBe(i);
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
