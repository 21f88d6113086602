import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImageRefSchema, RepositorySchema } from "@/lib/protocol";
import { createDockerClient, enginePathName } from "../../agent/src/engine/docker-client";

const dir = mkdtempSync(path.join(os.tmpdir(), "berth-engine-paths-"));
const socketPath = path.join(dir, "docker.sock");
const requests: string[] = [];
let engine: Server;

beforeAll(async () => {
  // Stands in for the engine's socket: answers every request with an empty JSON object.
  engine = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => engine.listen(socketPath, resolve));
});

afterAll(async () => {
  await new Promise((resolve) => engine.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("names in Engine API paths", () => {
  it("are encoded, so `?` cannot start a query nor `/` another path", async () => {
    const docker = createDockerClient(socketPath);
    requests.length = 0;
    await docker.getNetwork("prune?").connect({ Container: "c1" });
    await docker.getImage("registry.test:5000/team/app:1").inspect();
    await docker.getContainer("web#1").inspect();
    expect(requests).toEqual([
      "POST /networks/prune%3F/connect",
      "GET /images/registry.test%3A5000%2Fteam%2Fapp%3A1/json",
      "GET /containers/web%231/json",
    ]);
  });

  it.each(["..", ".", "", "../containers/x/pause?", "a/../b", "a//b", "a/", "/a", "a/."])(
    "refuse %j, which the engine would answer with a redirect elsewhere",
    (name) => {
      expect(() => enginePathName(name)).toThrow(/not a valid name/);
      expect(() => createDockerClient(socketPath).getNetwork(name)).toThrow(/not a valid name/);
    },
  );

  it("are refused by the protocol before they reach an agent", () => {
    for (const ref of ["berth-test/../../containers/x", "a//b", "a/./b", "a/"]) {
      expect(ImageRefSchema.safeParse(ref).success, ref).toBe(false);
    }
    for (const ref of ["busybox", "registry.test:5000/team/app:1", "sha256:abc", "a/b@sha256:1"]) {
      expect(ImageRefSchema.safeParse(ref).success, ref).toBe(true);
    }
    expect(RepositorySchema.safeParse("../containers/x").success).toBe(false);
    expect(RepositorySchema.safeParse("registry.test:5000/team/app").success).toBe(true);
  });
});

describe("the agent's process guard", () => {
  const run = (body: string) =>
    spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `import { guardProcess, onBehalfOf } from ${JSON.stringify(path.resolve("agent/src/command-scope.ts"))};
         guardProcess();
         ${body}
         setTimeout(() => console.log("still running"), 300);`,
      ],
      { encoding: "utf8", timeout: 20_000 },
    );

  it("keeps the agent running when an error escapes a server request's handling", () => {
    const out = run(`onBehalfOf("container.create", () => {
      setTimeout(() => { throw new Error("getaddrinfo ENOTFOUND docker"); }, 10);
      void Promise.reject(new Error("nobody awaited this"));
    });`);
    expect(out.stdout).toContain("still running");
    expect(out.stderr).toContain(
      "container.create: uncaught exception ignored: getaddrinfo ENOTFOUND",
    );
    expect(out.stderr).toContain("container.create: unhandled rejection ignored: nobody awaited");
    expect(out.status).toBe(0);
  });

  it("ends the process for an error of its own, so its supervisor restarts it", () => {
    const out = run(`setTimeout(() => { throw new Error("broken"); }, 10);`);
    expect(out.stdout).not.toContain("still running");
    expect(out.stderr).toContain("fatal: uncaught exception: broken");
    expect(out.status).toBe(1);
  });
});
