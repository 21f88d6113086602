import { afterEach, describe, expect, it, vi } from "vitest";
import { RunSpecSchema, type Progress } from "@/lib/protocol";
import { healthFromStatus, toContainerSummary } from "../../agent/src/engine/container-summary";
import { ProgressThrottle } from "../../agent/src/engine/progress-throttle";
import { pullMessageToProgress } from "../../agent/src/engine/pull-image";
import { runSpecToCreateBody } from "../../agent/src/engine/run-spec-body";

afterEach(() => vi.useRealTimers());

describe("container summaries", () => {
  it("reads health from the engine's status words", () => {
    expect(healthFromStatus("Up 5 minutes (healthy)")).toBe("healthy");
    expect(healthFromStatus("Up 2 seconds (health: starting)")).toBe("starting");
    expect(healthFromStatus("Up 1 hour (unhealthy)")).toBe("unhealthy");
    expect(healthFromStatus("Exited (0) 3 days ago")).toBe("none");
  });

  it("maps a list item, with usage only while it runs", () => {
    const item = {
      Id: "abc",
      Names: ["/web"],
      Image: "nginx",
      ImageID: "sha256:1",
      Command: "nginx -g",
      Created: 1_700_000_000,
      State: "running",
      Status: "Up 1 minute (healthy)",
      Ports: [
        { IP: "0.0.0.0", PrivatePort: 80, PublicPort: 8080, Type: "tcp" },
        { PrivatePort: 443, Type: "tcp" },
      ],
      Labels: null,
      NetworkSettings: { Networks: { bridge: {}, appnet: {} } },
    };
    const usage = { cpuPercent: 12.5, memoryBytes: 1024 };
    expect(toContainerSummary(item, usage)).toEqual({
      id: "abc",
      name: "web",
      image: "nginx",
      imageId: "sha256:1",
      command: "nginx -g",
      createdAt: 1_700_000_000_000,
      state: "running",
      status: "Up 1 minute (healthy)",
      health: "healthy",
      ports: [
        { ip: "0.0.0.0", privatePort: 80, publicPort: 8080, type: "tcp" },
        { privatePort: 443, type: "tcp" },
      ],
      labels: {},
      networks: ["bridge", "appnet"],
      cpuPercent: 12.5,
      memoryBytes: 1024,
    });
    expect(toContainerSummary({ ...item, State: "exited" }, usage)).toMatchObject({
      cpuPercent: null,
      memoryBytes: null,
    });
  });
});

describe("run spec → create body", () => {
  it("leaves unset options to the engine and maps the restart policy", () => {
    const { body, extraNetworks } = runSpecToCreateBody(RunSpecSchema.parse({ image: "busybox" }));
    expect(body).toEqual({
      Image: "busybox",
      Env: [],
      Labels: {},
      ExposedPorts: {},
      HostConfig: {
        PortBindings: {},
        PublishAllPorts: false,
        Mounts: [],
        Tmpfs: {},
        RestartPolicy: { Name: "", MaximumRetryCount: 0 },
        ReadonlyRootfs: false,
        Privileged: false,
        CapAdd: [],
        CapDrop: [],
        SecurityOpt: [],
        AutoRemove: false,
      },
    });
    expect(extraNetworks).toEqual([]);
  });

  it("groups several bindings of one port and rounds CPUs to nano CPUs", () => {
    const { body, extraNetworks } = runSpecToCreateBody(
      RunSpecSchema.parse({
        image: "x",
        name: "/n",
        ports: [
          { containerPort: 80, hostPort: 8080 },
          { containerPort: 80, hostPort: 8081, hostIp: "127.0.0.1" },
        ],
        cpus: 0.333,
        networks: [{ name: "a" }, { name: "b", aliases: ["bb"] }],
      }),
    );
    expect(body.name).toBe("n");
    expect(body.HostConfig.PortBindings).toEqual({
      "80/tcp": [
        { HostIp: "", HostPort: "8080" },
        { HostIp: "127.0.0.1", HostPort: "8081" },
      ],
    });
    expect(body.HostConfig.NanoCpus).toBe(333_000_000);
    expect(body.HostConfig.NetworkMode).toBe("a");
    expect(body.NetworkingConfig).toEqual({ EndpointsConfig: { a: { Aliases: [] } } });
    expect(extraNetworks).toEqual([{ name: "b", aliases: ["bb"] }]);
  });
});

describe("pull progress", () => {
  it("maps the engine's pull messages", () => {
    expect(
      pullMessageToProgress({
        status: "Downloading",
        id: "a1",
        progressDetail: { current: 10, total: 100 },
      }),
    ).toEqual({ phase: "pull", status: "Downloading", id: "a1", current: 10, total: 100 });
    expect(pullMessageToProgress({ status: "Pulling from library/x", id: "1" })).toEqual({
      phase: "pull",
      status: "Pulling from library/x",
      id: "1",
    });
    expect(pullMessageToProgress({ error: "boom" })).toBeNull();
  });

  it("sends at most 10 messages per second per layer and never drops a layer's last word", () => {
    vi.useFakeTimers();
    let now = 0;
    const sent: Progress[] = [];
    const t = new ProgressThrottle(
      (p) => sent.push(p),
      100,
      () => now,
    );
    const msg = (id: string, current: number, status = "Downloading"): Progress => ({
      phase: "pull",
      status,
      id,
      current,
    });
    for (let i = 0; i < 100; i++) {
      t.push(msg("a", i));
      t.push(msg("b", i));
      now += 10;
      vi.advanceTimersByTime(10);
    }
    t.push(msg("a", 100, "Pull complete"));
    now += 150;
    vi.advanceTimersByTime(150);
    const a = sent.filter((p) => p.id === "a");
    const b = sent.filter((p) => p.id === "b");
    expect(a.length).toBeLessThanOrEqual(12); // ~1 s of pushes
    expect(b.length).toBeLessThanOrEqual(12);
    expect(a.at(-1)).toEqual(msg("a", 100, "Pull complete"));
    expect(b.at(-1)?.current).toBe(99);
    t.flush();
  });
});
