import { describe, expect, it } from "vitest";
import { sameOriginPath } from "@/lib/auth/callback-url";

const ORIGIN = "http://berth.test:3000";

describe("sameOriginPath", () => {
  it("keeps paths of this site as the browser would request them", () => {
    expect(sameOriginPath("/hosts", ORIGIN)).toBe("/hosts");
    expect(sameOriginPath("/hosts/abc?tab=logs#end", ORIGIN)).toBe("/hosts/abc?tab=logs#end");
    expect(sameOriginPath("/a/../images", ORIGIN)).toBe("/images");
  });

  // What searchParams.get("callbackUrl") returns for /%5Cevil.com, /%5C%5Cevil.com/x, /%09/evil.com
  // and friends: each one is read by a browser as //evil.com, another site.
  it.each([
    "/\\evil.com",
    "/\\\\evil.com/x",
    "/\t/evil.com",
    "/\n/evil.com",
    "//evil.com",
    "///evil.com",
    "/.//evil.com",
    "/\\/evil.com",
    "http://evil.com/",
    "https://berth.test:3000/hosts",
    "javascript:alert(1)",
    "hosts",
    "",
  ])("refuses %j", (value) => {
    expect(sameOriginPath(value, ORIGIN)).toBeNull();
  });

  it("refuses a missing value", () => {
    expect(sameOriginPath(null, ORIGIN)).toBeNull();
    expect(sameOriginPath(undefined, ORIGIN)).toBeNull();
  });
});
