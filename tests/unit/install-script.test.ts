import { describe, expect, it } from "vitest";
import { installCommand, renderInstallScript } from "@/lib/services/hosts/render-install-script";

describe("agent install command", () => {
  it("puts the token last and the server address in quotes", () => {
    expect(installCommand("http://10.0.0.5:3000/", "tok_123")).toBe(
      "curl -fsSL 'http://10.0.0.5:3000/api/agent/install.sh' | sudo sh -s -- tok_123",
    );
  });

  it("refuses server addresses that could break out of the shell quoting", () => {
    expect(() => installCommand("http://x'; rm -rf /;'", "t")).toThrow(/plain URL/);
    expect(() => renderInstallScript("http://a.b/$(id)")).toThrow(/plain URL/);
  });

  it("downloads the executable for the host's architecture and keeps the token private", () => {
    const script = renderInstallScript("https://berth.example.test");
    expect(script).toContain("SERVER='https://berth.example.test'");
    expect(script).toContain('"$SERVER/api/agent/executable/$machine"');
    expect(script).toContain("umask 077");
    expect(script).not.toMatch(/\bnode\b/);
  });
});
