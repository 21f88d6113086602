/**
 * `compose.plan` against a real engine: what deploying a stack would change, compared with
 * containers, networks, volumes and images a project already has (made here with the docker CLI
 * and compose's labels, as `docker compose` would leave them).
 */
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentCommandResult, ComposeSourceInput, WireError } from "@/lib/protocol";
import type { CommandContext } from "../../agent/src/engine/command-types";
import { dispatchCommand } from "../../agent/src/engine/dispatch";
import { commandRegistry } from "../../agent/src/engine/registry";
import { BUSYBOX_IMAGE, startHosts, type SimHost, type SimHosts } from "../harness/hosts";

let sim: SimHosts;
let host: SimHost;
let ctx: CommandContext;

const compose = `services:
  db:
    image: ${BUSYBOX_IMAGE}
    command: ["sleep", "3600"]
    volumes: [data:/data]
  web:
    image: ${BUSYBOX_IMAGE}
    command: ["sleep", "3600"]
    depends_on: [db]
  cache:
    image: ${BUSYBOX_IMAGE}
    command: ["sleep", "3600"]
  tool:
    build: ./tool
  remote:
    image: berth-test/not-here:1
  debug:
    image: ${BUSYBOX_IMAGE}
    profiles: [debug]
volumes:
  data: {}
`;

const source: ComposeSourceInput = {
  project: "shop",
  files: [
    { path: "compose.yaml", content: compose },
    { path: "tool/Dockerfile", content: `FROM ${BUSYBOX_IMAGE}\n` },
  ],
  composeFiles: ["compose.yaml"],
};

async function plan(params: ComposeSourceInput): Promise<AgentCommandResult<"compose.plan">> {
  const reply = (await dispatchCommand(
    { command: "compose.plan", params },
    commandRegistry,
    ctx,
  )) as { ok: true; result: AgentCommandResult<"compose.plan"> } | { ok: false; error: WireError };
  if (!reply.ok) throw new Error(`compose.plan: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}

/** A container as `docker compose` labels it, started or only created. */
async function composeContainer(service: string, number: number, hash: string, start: boolean) {
  await host.docker([
    start ? "run" : "create",
    ...(start ? ["-d"] : []),
    "--name",
    `shop-${service}-${number}`,
    "--label",
    "com.docker.compose.project=shop",
    "--label",
    `com.docker.compose.service=${service}`,
    "--label",
    `com.docker.compose.container-number=${number}`,
    "--label",
    "com.docker.compose.oneoff=False",
    "--label",
    `com.docker.compose.config-hash=${hash}`,
    BUSYBOX_IMAGE,
    "sleep",
    "3600",
  ]);
}

beforeAll(async () => {
  sim = await startHosts(1);
  host = sim.hosts[0]!;
  ctx = {
    docker: new Docker({ socketPath: host.dockerSocket }),
    socketPath: host.dockerSocket,
    stacksDir: "/var/lib/berth-agent-stacks",
  };
});

afterAll(async () => {
  await sim?.stop();
});

describe("compose.plan", () => {
  it("plans every object of a new project, building and pulling what is missing", async () => {
    const result = await plan(source);
    expect(result.problems).toEqual([]);
    expect(result.plan?.workingDir).toBe("/var/lib/berth-agent-stacks/shop");
    expect(result.actions).toEqual([
      { kind: "network", target: "shop_default", action: "create" },
      { kind: "volume", target: "shop_data", action: "create" },
      {
        kind: "image",
        target: "shop-tool",
        service: "tool",
        action: "build",
        reason: "image missing",
      },
      {
        kind: "image",
        target: "berth-test/not-here:1",
        service: "remote",
        action: "pull",
        reason: "image missing",
      },
      { kind: "container", target: "shop-db-1", service: "db", action: "create" },
      { kind: "container", target: "shop-web-1", service: "web", action: "create" },
      { kind: "container", target: "shop-cache-1", service: "cache", action: "create" },
      { kind: "container", target: "shop-tool-1", service: "tool", action: "create" },
      { kind: "container", target: "shop-remote-1", service: "remote", action: "create" },
    ]);
  });

  it("keeps what is current, recreates what changed, starts what stopped and removes orphans", async () => {
    const first = await plan(source);
    const hashes = Object.fromEntries(
      (first.plan?.services ?? []).map((service) => [service.name, service.configHash]),
    );
    await host.docker(["network", "create", "shop_default"]);
    await host.docker(["volume", "create", "shop_data"]);
    await composeContainer("db", 1, hashes.db!, true);
    await composeContainer("web", 1, "0".repeat(64), true);
    await composeContainer("cache", 1, hashes.cache!, false);
    await composeContainer("old", 1, "1".repeat(64), true);
    // A service left out by its profile is not an orphan.
    await composeContainer("debug", 1, "2".repeat(64), true);
    const containers = (await plan(source)).actions.filter((a) => a.kind !== "image");
    expect(containers).toEqual([
      { kind: "network", target: "shop_default", action: "keep" },
      { kind: "volume", target: "shop_data", action: "keep" },
      { kind: "container", target: "shop-db-1", service: "db", action: "keep" },
      {
        kind: "container",
        target: "shop-web-1",
        service: "web",
        action: "recreate",
        reason: "configuration changed",
      },
      {
        kind: "container",
        target: "shop-cache-1",
        service: "cache",
        action: "start",
        reason: "stopped",
      },
      { kind: "container", target: "shop-tool-1", service: "tool", action: "create" },
      { kind: "container", target: "shop-remote-1", service: "remote", action: "create" },
      {
        kind: "container",
        target: "shop-old-1",
        service: "old",
        action: "remove",
        reason: "orphan",
      },
    ]);
  });

  it("answers problems at their line and plans nothing for a project that does not load", async () => {
    const result = await plan({
      ...source,
      files: [{ path: "compose.yaml", content: "services:\n  web:\n    imgae: busybox\n" }],
    });
    expect(result).toEqual({
      problems: [
        {
          file: "compose.yaml",
          line: 3,
          column: 5,
          message: "unknown key 'imgae' in service web",
        },
      ],
      plan: null,
      actions: [],
    });
  });
});
