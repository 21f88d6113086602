import { describe, expect, it } from "vitest";
import {
  BuildOptionsSchema,
  ImageNameSchema,
  registryHostOf,
  splitImageName,
} from "@/lib/protocol";
import { registryError } from "../../agent/src/engine/registry-errors";
import { parseChallenge } from "@/lib/registries/v2-client";

describe("image names", () => {
  it("splits the tag off after the last slash only (a colon before it is a port)", () => {
    expect(splitImageName("10.0.0.1:5000/team/app:1.2")).toEqual({
      repository: "10.0.0.1:5000/team/app",
      tag: "1.2",
    });
    expect(splitImageName("10.0.0.1:5000/team/app")).toEqual({
      repository: "10.0.0.1:5000/team/app",
      tag: "latest",
    });
    expect(ImageNameSchema.parse("busybox")).toBe("busybox:latest");
    expect(ImageNameSchema.safeParse("Bad/Name:1").success).toBe(false);
    expect(ImageNameSchema.safeParse("app:bad tag").success).toBe(false);
  });

  it("finds the registry host as the CLI does", () => {
    expect(registryHostOf("nginx")).toBe("docker.io");
    expect(registryHostOf("library/nginx")).toBe("docker.io");
    expect(registryHostOf("index.docker.io/library/nginx")).toBe("docker.io");
    expect(registryHostOf("localhost/app")).toBe("localhost");
    expect(registryHostOf("registry.example.com/team/app")).toBe("registry.example.com");
    expect(registryHostOf("10.99.3.1:5000/team/app")).toBe("10.99.3.1:5000");
  });

  it("validates build options", () => {
    expect(BuildOptionsSchema.parse({ tags: ["app"] }).tags).toEqual(["app:latest"]);
    expect(BuildOptionsSchema.safeParse({ buildArgs: { "A=B": "1" } }).success).toBe(false);
  });
});

describe("registry errors", () => {
  it("tells unauthorised, missing and unreachable apart", () => {
    expect(registryError("pull", "r/a:1", "unauthorized: authentication required").message).toMatch(
      /refused the credentials \(unauthorised\)/,
    );
    const missing = registryError(
      "pull",
      "r/a:1",
      "manifest for r/a:1 not found: manifest unknown",
    );
    expect(missing.code).toBe("NOT_FOUND");
    expect(
      registryError(
        "push",
        "r/a:1",
        "Get https://r/v2/: dial tcp 10.0.0.9:443: connect: connection refused",
      ).message,
    ).toMatch(/unreachable from this host/);
  });

  it("reads a registry's auth challenge", () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a:pull"',
      ),
    ).toEqual({
      scheme: "bearer",
      params: {
        realm: "https://auth.example.com/token",
        service: "registry.example.com",
        scope: "repository:a:pull",
      },
    });
    expect(parseChallenge('Basic realm="berth"')?.scheme).toBe("basic");
    expect(parseChallenge(null)).toBeNull();
  });
});
