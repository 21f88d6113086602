import type Docker from "dockerode";
import { describe, expect, it } from "vitest";
import { BerthError, EngineInfoSchema } from "@/lib/protocol";
import type { CommandContext } from "../../agent/src/engine/command-types";
import { dispatchCommand } from "../../agent/src/engine/dispatch";
import { toWireError } from "../../agent/src/engine/engine-errors";
import { commandRegistry } from "../../agent/src/engine/registry";

const SOCKET = "/run/test/docker.sock";

const INFO = {
  Name: "alpha",
  OperatingSystem: "Debian GNU/Linux 12 (bookworm)",
  OSType: "linux",
  Architecture: "x86_64",
  KernelVersion: "6.1.0",
  NCPU: 2,
  MemTotal: 4_000_000_000,
  Driver: "overlay2",
  CgroupVersion: "2",
  Containers: 5,
  ContainersRunning: 3,
  ContainersPaused: 1,
  ContainersStopped: 1,
  Images: 7,
  DockerRootDir: "/var/lib/docker",
  Swarm: { LocalNodeState: "active", NodeID: "q1nd3xsw4rmn0de" },
};
const VERSION = { Version: "20.10.24", ApiVersion: "1.41" };

function context(docker: Partial<Record<"info" | "version" | "ping", () => Promise<unknown>>>) {
  return { docker: docker as unknown as Docker, socketPath: SOCKET } satisfies CommandContext;
}

function engineError(statusCode: number, message: string) {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), {
    statusCode,
    json: { message },
  });
}

const healthy = context({
  info: async () => INFO,
  version: async () => VERSION,
  ping: async () => Buffer.from("OK"),
});

describe("agent command dispatch", () => {
  it("answers engine.info with the protocol's EngineInfo", async () => {
    const reply = await dispatchCommand(
      { command: "engine.info", params: {} },
      commandRegistry,
      healthy,
    );
    expect(reply).toEqual({
      ok: true,
      result: {
        hostname: "alpha",
        engineVersion: "20.10.24",
        apiVersion: "1.41",
        os: "Debian GNU/Linux 12 (bookworm)",
        osType: "linux",
        architecture: "x86_64",
        kernelVersion: "6.1.0",
        cpus: 2,
        memoryBytes: 4_000_000_000,
        storageDriver: "overlay2",
        cgroupVersion: "2",
        containers: 5,
        containersRunning: 3,
        containersPaused: 1,
        containersStopped: 1,
        images: 7,
        swarmState: "active",
        swarmNodeId: "q1nd3xsw4rmn0de",
      },
    });
  });

  it("fills engine.info defaults an older engine leaves out", async () => {
    const { CgroupVersion: _c, Swarm: _s, ...older } = INFO;
    const reply = await dispatchCommand(
      { command: "engine.info", params: {} },
      commandRegistry,
      context({ info: async () => older, version: async () => VERSION }),
    );
    if (!reply.ok) throw new Error("expected ok");
    const info = EngineInfoSchema.parse(reply.result);
    expect(info.cgroupVersion).toBe("1");
    expect(info.swarmState).toBe("inactive");
  });

  it("answers engine.ping, with or without params", async () => {
    for (const request of [{ command: "engine.ping", params: {} }, { command: "engine.ping" }]) {
      expect(await dispatchCommand(request, commandRegistry, healthy)).toEqual({
        ok: true,
        result: { ok: true },
      });
    }
  });

  it("refuses malformed requests, unknown commands and bad params with BAD_REQUEST", async () => {
    const refusals: Array<[unknown, string]> = [
      ["engine.ping", "malformed command request: Invalid input: expected object, received string"],
      [null, "malformed command request: Invalid input: expected object, received null"],
      [
        { command: 42 },
        "malformed command request: command: Invalid input: expected string, received number",
      ],
      [{ command: "container.explode", params: {} }, 'unknown command "container.explode"'],
      [{ command: "__proto__", params: {} }, 'unknown command "__proto__"'],
      [
        { command: "engine.ping", params: [1] },
        "invalid params for engine.ping: Invalid input: expected object, received array",
      ],
      [
        { command: "container.start", params: { id: "" } },
        "invalid params for container.start: id: Too small: expected string to have >=1 characters; id: Not a container id or name.",
      ],
    ];
    for (const [request, message] of refusals) {
      expect(await dispatchCommand(request, commandRegistry, healthy)).toEqual({
        ok: false,
        error: { code: "BAD_REQUEST", message },
      });
    }
  });

  it("reports an unreachable engine socket as ENGINE_UNAVAILABLE", async () => {
    const refused = Object.assign(new Error(`connect ENOENT ${SOCKET}`), { code: "ENOENT" });
    const reply = await dispatchCommand(
      { command: "engine.ping", params: {} },
      commandRegistry,
      context({ ping: () => Promise.reject(refused) }),
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: "ENGINE_UNAVAILABLE", message: `Docker engine not reachable at ${SOCKET}` },
    });
  });

  it("turns a result that breaks the schema into INTERNAL", async () => {
    const broken = {
      ...commandRegistry,
      "engine.ping": async () => ({ ok: "yes" }) as unknown as { ok: true },
    };
    const reply = await dispatchCommand({ command: "engine.ping", params: {} }, broken, healthy);
    expect(reply).toEqual({
      ok: false,
      error: { code: "INTERNAL", message: "agent produced an invalid result for engine.ping" },
    });
  });
});

describe("agent engine error mapping", () => {
  it("maps engine status codes and keeps the engine's message", () => {
    expect(toWireError(engineError(404, "No such container: web"), SOCKET)).toEqual({
      code: "NOT_FOUND",
      message: "No such container: web",
    });
    expect(toWireError(engineError(409, "container is already paused"), SOCKET)).toEqual({
      code: "CONFLICT",
      message: "container is already paused",
    });
    expect(toWireError(engineError(500, "driver failed"), SOCKET)).toEqual({
      code: "ENGINE_ERROR",
      message: "driver failed",
    });
  });

  it("falls back to dockerode's message without its prefix", () => {
    const err = Object.assign(new Error("(HTTP code 304) container already started - "), {
      statusCode: 304,
      json: null,
    });
    expect(toWireError(err, SOCKET)).toEqual({ code: "ENGINE_ERROR", message: "engine error 304" });
    const text = Object.assign(new Error("(HTTP code 500) server error - boom "), {
      statusCode: 500,
      json: Buffer.from("boom\n"),
    });
    expect(toWireError(text, SOCKET).message).toBe("boom");
  });

  it("maps socket errors to ENGINE_UNAVAILABLE", () => {
    for (const code of ["ECONNREFUSED", "ENOENT"]) {
      expect(toWireError(Object.assign(new Error("x"), { code }), SOCKET)).toEqual({
        code: "ENGINE_UNAVAILABLE",
        message: `Docker engine not reachable at ${SOCKET}`,
      });
    }
    expect(toWireError(Object.assign(new Error("x"), { code: "EACCES" }), SOCKET).code).toBe(
      "ENGINE_UNAVAILABLE",
    );
  });

  it("passes BerthErrors through and wraps anything else as INTERNAL", () => {
    expect(toWireError(new BerthError("CONFLICT", "busy"), SOCKET)).toEqual({
      code: "CONFLICT",
      message: "busy",
    });
    expect(toWireError(new Error("oops"), SOCKET)).toEqual({ code: "INTERNAL", message: "oops" });
    expect(toWireError("plain", SOCKET)).toEqual({ code: "INTERNAL", message: "plain" });
  });
});
