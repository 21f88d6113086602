import { describe, expect, it } from "vitest";
import { z } from "zod";
import { UiEvents, UiPushes, UiRequests } from "@/lib/protocol";

describe("the /ui contract", () => {
  it("gives every request and push its own event name", () => {
    const events = [...Object.values(UiRequests), ...Object.values(UiPushes)].map((d) => d.event);
    expect(events.filter((event, i) => events.indexOf(event) !== i)).toEqual([]);
  });

  it("names each request and push once in UiEvents, none hiding another", () => {
    const keys = [...Object.keys(UiRequests), ...Object.keys(UiPushes)];
    expect(Object.keys(UiEvents).sort()).toEqual(keys.sort());
  });

  it("keeps `ok` out of reply bodies, where it would override the answer's own", () => {
    for (const [key, request] of Object.entries(UiRequests)) {
      if (!("reply" in request)) continue;
      expect(request.reply, key).toBeInstanceOf(z.ZodObject);
      expect(Object.keys(request.reply.shape), key).not.toContain("ok");
    }
  });
});
