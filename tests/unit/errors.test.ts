import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorResponse } from "@/lib/http/respond";
import { uiFailure } from "@/lib/hub/ui-handler";
import { BerthError, describeValidationError, validationWireError } from "@/lib/protocol";

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

describe("validation errors", () => {
  const Schema = z.object({
    hostId: z.string().min(1),
    options: z.object({ tail: z.number().max(10), lines: z.array(z.number()) }),
  });
  const problems = (input: unknown) => Schema.safeParse(input).error!;
  const twoProblems = problems({ hostId: "", options: { tail: 11, lines: [] } });
  const message =
    "hostId: Too small: expected string to have >=1 characters; " +
    "options.tail: Too big: expected number to be <=10";

  it("names the field of each problem", () => {
    expect(describeValidationError(twoProblems)).toBe(message);
    expect(
      describeValidationError(problems({ hostId: "a", options: { tail: 1, lines: [1, "2"] } })),
    ).toBe("options.lines.1: Invalid input: expected number, received string");
  });

  it("gives a problem with the whole input as its message alone", () => {
    expect(describeValidationError(problems([]))).toBe(
      "Invalid input: expected object, received array",
    );
  });

  it("names at most five problems", () => {
    const many = z.array(z.number()).safeParse(["a", "b", "c", "d", "e", "f", "g"]).error!;
    expect(describeValidationError(many).split("; ")).toEqual(
      ["0", "1", "2", "3", "4"].map((i) => `${i}: Invalid input: expected number, received string`),
    );
  });

  it("reads the same over HTTP and the live socket, with the first problem's field", async () => {
    const wire = { code: "BAD_REQUEST", message, field: "hostId" };
    expect(validationWireError(twoProblems)).toEqual(wire);
    const response = errorResponse(twoProblems);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: wire });
    expect(uiFailure(twoProblems)).toEqual({ ok: false, error: wire });
  });
});
