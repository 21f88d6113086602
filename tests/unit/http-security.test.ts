import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, crossSiteRefusal } from "@/lib/http/security";

const req = (method: string, headers: Record<string, string>) => ({
  method,
  headers: new Headers({ host: "berth.example:3000", ...headers }),
});

describe("cross-site request refusal", () => {
  it("lets reads through whatever their origin", () => {
    expect(crossSiteRefusal(req("GET", { origin: "https://evil.example" }))).toBeNull();
  });

  it("refuses state changes from another origin or site", () => {
    expect(crossSiteRefusal(req("POST", { origin: "https://evil.example" }))).toBe(
      "foreign origin",
    );
    expect(crossSiteRefusal(req("DELETE", { "sec-fetch-site": "cross-site" }))).toBe(
      "cross-site request",
    );
    expect(
      crossSiteRefusal(
        req("POST", { "sec-fetch-site": "same-site", origin: "http://other.berth.example:3000" }),
      ),
    ).toBe("cross-site request");
  });

  it("allows the same origin, programs without browser headers, and bearer tokens", () => {
    expect(
      crossSiteRefusal(
        req("POST", { origin: "http://berth.example:3000", "sec-fetch-site": "same-origin" }),
      ),
    ).toBeNull();
    expect(crossSiteRefusal(req("POST", {}))).toBeNull();
    expect(
      crossSiteRefusal(
        req("POST", { authorization: "Bearer berth_x", origin: "https://ci.example" }),
      ),
    ).toBeNull();
  });
});

describe("content security policy", () => {
  it("allows no eval in production and only nonced inline scripts", () => {
    const csp = contentSecurityPolicy("abc", false);
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy("abc", true)).toContain("'unsafe-eval'");
  });
});
