import { describe, expect, it } from "vitest";
import { BerthError } from "@/lib/protocol";

describe("BerthError", () => {
  it("is recognised by its brand, so errors from the other bundle in the process are too", () => {
    const foreign = Object.assign(new Error("x"), {
      [Symbol.for("berth.error")]: true,
      code: "HOST_OFFLINE",
    });
    expect(foreign instanceof BerthError).toBe(true);
    expect(new BerthError("NOT_FOUND", "No such host.") instanceof BerthError).toBe(true);
    expect(new Error("plain") instanceof BerthError).toBe(false);
    expect((null as unknown as object) instanceof BerthError).toBe(false);
  });

  it("travels as a code and a message only", () => {
    expect(new BerthError("TIMEOUT", "late").toWire()).toEqual({
      code: "TIMEOUT",
      message: "late",
    });
  });
});
