import { describe, expect, it } from "vitest";
import { mergeComposeDocuments } from "../../agent/src/compose/merge-compose";
import { resolveExtends } from "../../agent/src/compose/resolve-extends";

describe("mergeComposeDocuments", () => {
  it("merges mappings, appends lists, de-duplicates per field and replaces command", () => {
    const base = {
      services: {
        web: {
          image: "nginx:1",
          command: ["nginx", "-g", "daemon off;"],
          healthcheck: { test: ["CMD", "true"], interval: "5s" },
          ports: ["8080:80", "443:443"],
          volumes: ["data:/var/lib", "./a:/a"],
          environment: ["A=1", "B=2"],
          cap_add: ["NET_ADMIN"],
          depends_on: ["db"],
        },
      },
      volumes: { data: {} },
    };
    const override = {
      services: {
        web: {
          image: "nginx:2",
          command: ["sleep", "1"],
          healthcheck: { test: ["CMD", "false"] },
          ports: ["8080:80", "9090:90"],
          volumes: [{ type: "bind", source: "./b", target: "/a" }],
          environment: { B: "two", C: "3" },
          cap_add: ["NET_ADMIN", "SYS_TIME"],
          depends_on: { cache: { condition: "service_healthy" } },
        },
      },
    };
    expect(mergeComposeDocuments([base, override])).toEqual({
      services: {
        web: {
          image: "nginx:2",
          command: ["sleep", "1"],
          healthcheck: { test: ["CMD", "false"], interval: "5s" },
          ports: ["8080:80", "443:443", "9090:90"],
          volumes: ["data:/var/lib", { type: "bind", source: "./b", target: "/a" }],
          environment: { A: "1", B: "two", C: "3" },
          cap_add: ["NET_ADMIN", "SYS_TIME"],
          depends_on: { db: null, cache: { condition: "service_healthy" } },
        },
      },
      volumes: { data: {} },
    });
  });
});

describe("resolveExtends", () => {
  it("merges the base under the local service, recursively and across files", () => {
    const services = {
      base: { image: "app", environment: { LEVEL: "info" }, ports: ["80"] },
      middle: { extends: "base", environment: { LEVEL: "debug" } },
      web: { extends: { service: "middle" }, ports: ["81"] },
      remote: { extends: { service: "common", file: "common.yml" }, command: "run" },
    };
    const other = { common: { image: "shared", command: "idle", labels: ["a=1"] } };
    const resolved = resolveExtends(services, (file) =>
      file === "common.yml" ? other : undefined,
    );
    expect(resolved.web).toEqual({
      image: "app",
      environment: { LEVEL: "debug" },
      ports: ["80", "81"],
    });
    expect(resolved.remote).toEqual({ image: "shared", command: "run", labels: ["a=1"] });
  });

  it("rejects cycles and missing bases", () => {
    expect(() =>
      resolveExtends({ a: { extends: "b" }, b: { extends: "a" } }, () => undefined),
    ).toThrow("circular extends: a -> b -> a");
    expect(() => resolveExtends({ a: { extends: "nope" } }, () => undefined)).toThrow(
      "cannot extend service nope: not found",
    );
  });
});
