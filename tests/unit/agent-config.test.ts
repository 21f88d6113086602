import os from "node:os";
import { describe, expect, it } from "vitest";
import { Backoff } from "../../agent/src/backoff";
import { ConfigError, loadConfig } from "../../agent/src/config";

const TOKEN = "t0k3n-0123456789abcdef";

describe("agent configuration", () => {
  it("applies defaults", () => {
    const config = loadConfig({ BERTH_SERVER_URL: "http://10.99.0.1:3000/" });
    expect(config).toMatchObject({
      serverUrl: "http://10.99.0.1:3000",
      enrollToken: undefined,
      statePath: "/var/lib/berth-agent/state.json",
      dockerSocket: "/var/run/docker.sock",
      stacksDir: "/var/lib/berth-agent-stacks",
    });
    expect(config.agentName).toBe(os.hostname());
  });

  it("reads every variable", () => {
    expect(
      loadConfig({
        BERTH_SERVER_URL: "https://berth.example.test",
        BERTH_ENROLL_TOKEN: TOKEN,
        BERTH_AGENT_STATE: "/tmp/agent/state.json",
        DOCKER_HOST: "unix:///run/host1/docker.sock",
        BERTH_AGENT_NAME: "alpha",
        BERTH_AGENT_PROTECT: "/srv/berth:/etc/berth",
        BERTH_AGENT_STACKS: "/srv/stacks",
      }),
    ).toEqual({
      serverUrl: "https://berth.example.test",
      enrollToken: TOKEN,
      statePath: "/tmp/agent/state.json",
      dockerSocket: "/run/host1/docker.sock",
      agentName: "alpha",
      protectedPaths: ["/srv/berth", "/etc/berth"],
      stacksDir: "/srv/stacks",
    });
  });

  it("treats empty variables as unset", () => {
    const config = loadConfig({
      BERTH_SERVER_URL: "http://127.0.0.1:3000",
      BERTH_ENROLL_TOKEN: "",
      DOCKER_HOST: "",
    });
    expect(config.enrollToken).toBeUndefined();
    expect(config.dockerSocket).toBe("/var/run/docker.sock");
  });

  it("lists every problem at once", () => {
    try {
      loadConfig({
        BERTH_SERVER_URL: "ftp://x",
        DOCKER_HOST: "tcp://1.2.3.4:2375",
        BERTH_AGENT_STATE: "state.json",
        BERTH_AGENT_PROTECT: "srv/berth",
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toEqual([
        "BERTH_SERVER_URL must be an http(s) URL, e.g. http://10.99.0.1:3000",
        "BERTH_AGENT_STATE must be an absolute path",
        "DOCKER_HOST must be unix:///path/to/docker.sock (only local sockets)",
        "BERTH_AGENT_PROTECT must list absolute paths",
      ]);
    }
  });

  it("requires BERTH_SERVER_URL", () => {
    expect(() => loadConfig({})).toThrow(/BERTH_SERVER_URL is required/);
  });
});

describe("agent backoff", () => {
  it("grows exponentially up to the cap, jittered downwards", () => {
    const top = new Backoff({ minMs: 500, maxMs: 30_000, random: () => 0 });
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(() => top.next())).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    const bottom = new Backoff({ minMs: 500, maxMs: 30_000, random: () => 1 });
    expect([bottom.next(), bottom.next()]).toEqual([250, 500]);
    expect(bottom.slow()).toBe(15_000);
    bottom.reset();
    expect(bottom.next()).toBe(250);
  });
});
