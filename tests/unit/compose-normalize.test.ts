import { describe, expect, it } from "vitest";
import { normalizePorts } from "../../agent/src/compose/normalize-ports";
import { normalizeVolumes } from "../../agent/src/compose/normalize-volumes";
import { normalizeDependsOn, normalizeService } from "../../agent/src/compose/normalize-service";

const path = ["services", "web", "x"];

describe("normalizePorts", () => {
  it("canonicalises the short syntaxes", () => {
    expect(
      normalizePorts(
        [80, "8080:80/udp", "127.0.0.1:8081:81", "[::1]::82", "3000-3001:4000-4001", "9000-9001"],
        path,
      ),
    ).toEqual([
      { target: 80, protocol: "tcp" },
      { target: 80, published: "8080", protocol: "udp" },
      { target: 81, published: "8081", hostIp: "127.0.0.1", protocol: "tcp" },
      { target: 82, hostIp: "::1", protocol: "tcp" },
      { target: 4000, published: "3000", protocol: "tcp" },
      { target: 4001, published: "3001", protocol: "tcp" },
      { target: 9000, protocol: "tcp" },
      { target: 9001, protocol: "tcp" },
    ]);
  });

  it("keeps the long syntax", () => {
    expect(
      normalizePorts([{ target: 80, published: 8080, host_ip: "0.0.0.0", protocol: "udp" }], path),
    ).toEqual([{ target: 80, published: "8080", hostIp: "0.0.0.0", protocol: "udp" }]);
  });

  it.each([["80:http"], ["70000"], ["80/icmp"]])(
    "rejects %s with its index in the path",
    (port) => {
      expect(() => normalizePorts(["80", port], path)).toThrow(
        expect.objectContaining({ path: [...path, 1] }),
      );
    },
  );
});

describe("normalizeVolumes", () => {
  it("tells named volumes, binds and anonymous volumes apart", () => {
    expect(
      normalizeVolumes(
        ["data:/var/lib:ro", "./site:/usr/share/html", "/cache", "~/x:/x:rw,z"],
        path,
      ),
    ).toEqual([
      { type: "volume", source: "data", target: "/var/lib", readOnly: true },
      { type: "bind", source: "./site", target: "/usr/share/html", readOnly: false },
      { type: "volume", target: "/cache", readOnly: false },
      { type: "bind", source: "~/x", target: "/x", readOnly: false },
    ]);
  });

  it("rejects a relative target and an unknown mode", () => {
    expect(() => normalizeVolumes(["data:var"], path)).toThrow(/absolute path/);
    expect(() => normalizeVolumes(["data:/var:rx"], path)).toThrow(/invalid volume mode "rx"/);
  });
});

describe("normalizeService", () => {
  it("maps environment lists and maps, resolving bare keys and dropping unset ones", () => {
    const lookup = (name: string) => (name === "FROM_SHELL" ? "s" : undefined);
    const fromList = normalizeService(
      "web",
      { environment: ["A=1", "B=", "FROM_SHELL", "GONE"] },
      lookup,
    );
    expect(fromList.environment).toEqual({ A: "1", B: "", FROM_SHELL: "s" });
    const fromMap = normalizeService(
      "web",
      { environment: { A: 1, T: true, FROM_SHELL: null, GONE: null } },
      lookup,
    );
    expect(fromMap.environment).toEqual({ A: "1", T: "true", FROM_SHELL: "s" });
  });

  it("gives depends_on compose's defaults and checks conditions", () => {
    expect(normalizeDependsOn(["db"], path)).toEqual({
      db: { condition: "service_started", required: true, restart: false },
    });
    expect(
      normalizeDependsOn(
        { db: { condition: "service_healthy", restart: "true", required: false } },
        path,
      ),
    ).toEqual({
      db: { condition: "service_healthy", required: false, restart: true },
    });
    expect(() => normalizeDependsOn({ db: {} }, path)).toThrow(/condition must be one of/);
  });

  it("reports a schema violation at the field's path", () => {
    expect(() => normalizeService("web", { image: 5 }, () => undefined)).toThrow(
      expect.objectContaining({ path: ["services", "web", "image"] }),
    );
  });
});
