import { afterEach, describe, expect, it, vi } from "vitest";
import { RunSpecSchema, type Progress } from "@/lib/protocol";
import { healthFromStatus, toContainerSummary } from "../../agent/src/engine/container-summary";
import { ProgressThrottle } from "../../agent/src/engine/progress-throttle";
import { imageMatchesPlatform, pullMessageToProgress } from "../../agent/src/engine/pull-image";
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
      Tty: false,
      OpenStdin: false,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      StdinOnce: false,
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
    expect(extraNetworks).toEqual([{ name: "b", endpoint: { Aliases: ["bb"] } }]);
  });

  it("maps every docker run option as the docker CLI does for a detached run", () => {
    const { body, extraNetworks } = runSpecToCreateBody(
      RunSpecSchema.parse({
        image: "app:1",
        interactive: true,
        tty: true,
        domainname: "corp.example",
        ports: [{ containerPort: 80, hostPort: 8080 }],
        expose: [{ port: 9100 }, { port: 53, protocol: "udp" }],
        networks: [
          { name: "front", aliases: ["web"], ipv4Address: "172.20.0.5", ipv6Address: "fd00::5" },
          { name: "back", ipv4Address: "172.21.0.5" },
        ],
        macAddress: "02:42:ac:14:00:05",
        dns: ["10.0.0.2"],
        dnsSearch: ["corp.example"],
        dnsOptions: ["ndots:2"],
        extraHosts: [
          { host: "db", ip: "10.0.0.3" },
          { host: "v6", ip: "fd00::3" },
        ],
        pidMode: "host",
        ipcMode: "shareable",
        utsMode: "host",
        usernsMode: "host",
        cgroupnsMode: "private",
        cpuShares: 512,
        cpusetCpus: "0-1",
        memoryBytes: 256 * 1024 ** 2,
        memoryReservationBytes: 128 * 1024 ** 2,
        memorySwapBytes: -1,
        shmSizeBytes: 128 * 1024 ** 2,
        ulimits: [{ name: "nofile", soft: 1024, hard: 2048 }],
        noNewPrivileges: true,
        securityOpt: ["seccomp=unconfined", "systempaths=unconfined"],
        devices: [
          { hostPath: "/dev/null" },
          { hostPath: "/dev/zero", containerPath: "/dev/z", permissions: "r" },
        ],
        gpus: { count: "all" },
        sysctls: { "net.core.somaxconn": "1024" },
        cgroupParent: "/berth",
        groupAdd: ["audio"],
        init: false,
        stopSignal: "SIGQUIT",
        stopTimeoutSeconds: 20,
        logDriver: "json-file",
        logOptions: { "max-size": "10m" },
      }),
    );
    expect(body).toMatchObject({
      Tty: true,
      OpenStdin: true,
      AttachStdin: false,
      StdinOnce: false,
      Domainname: "corp.example",
      MacAddress: "02:42:ac:14:00:05",
      StopSignal: "SIGQUIT",
      StopTimeout: 20,
      ExposedPorts: { "80/tcp": {}, "9100/tcp": {}, "53/udp": {} },
    });
    expect(body.HostConfig).toMatchObject({
      NetworkMode: "front",
      PidMode: "host",
      IpcMode: "shareable",
      UTSMode: "host",
      UsernsMode: "host",
      CgroupnsMode: "private",
      CpuShares: 512,
      CpusetCpus: "0-1",
      Memory: 256 * 1024 ** 2,
      MemoryReservation: 128 * 1024 ** 2,
      MemorySwap: -1,
      ShmSize: 128 * 1024 ** 2,
      Ulimits: [{ Name: "nofile", Soft: 1024, Hard: 2048 }],
      // systempaths=unconfined is the CLI's own: it unmasks /proc paths instead of passing on
      SecurityOpt: ["no-new-privileges:true", "seccomp=unconfined"],
      MaskedPaths: [],
      ReadonlyPaths: [],
      Devices: [
        { PathOnHost: "/dev/null", PathInContainer: "/dev/null", CgroupPermissions: "rwm" },
        { PathOnHost: "/dev/zero", PathInContainer: "/dev/z", CgroupPermissions: "r" },
      ],
      DeviceRequests: [
        { Driver: "", Count: -1, DeviceIDs: null, Capabilities: [["gpu"]], Options: {} },
      ],
      Sysctls: { "net.core.somaxconn": "1024" },
      CgroupParent: "/berth",
      GroupAdd: ["audio"],
      Init: false,
      LogConfig: { Type: "json-file", Config: { "max-size": "10m" } },
      Dns: ["10.0.0.2"],
      DnsSearch: ["corp.example"],
      DnsOptions: ["ndots:2"],
      ExtraHosts: ["db:10.0.0.3", "v6:fd00::3"],
    });
    expect(body.NetworkingConfig).toEqual({
      EndpointsConfig: {
        front: {
          Aliases: ["web"],
          IPAMConfig: { IPv4Address: "172.20.0.5", IPv6Address: "fd00::5" },
        },
      },
    });
    expect(extraNetworks).toEqual([
      { name: "back", endpoint: { Aliases: [], IPAMConfig: { IPv4Address: "172.21.0.5" } } },
    ]);
  });

  it("asks for GPUs as --gpus does: one by default, named ones without a count", () => {
    const request = (gpus: object) =>
      runSpecToCreateBody(RunSpecSchema.parse({ image: "x", gpus })).body.HostConfig.DeviceRequests;
    expect(request({ driver: "nvidia" })).toEqual([
      { Driver: "nvidia", Count: 1, DeviceIDs: null, Capabilities: [["gpu"]], Options: {} },
    ]);
    expect(request({ deviceIds: ["0", "1"], capabilities: ["compute", "gpu"] })).toEqual([
      {
        Driver: "",
        Count: 0,
        DeviceIDs: ["0", "1"],
        Capabilities: [["compute", "gpu"]],
        Options: {},
      },
    ]);
  });

  it("uses the network mode instead of a network", () => {
    const { body, extraNetworks } = runSpecToCreateBody(
      RunSpecSchema.parse({ image: "x", networkMode: "container:web" }),
    );
    expect(body.HostConfig.NetworkMode).toBe("container:web");
    expect(body.NetworkingConfig).toBeUndefined();
    expect(extraNetworks).toEqual([]);
  });
});

describe("image platforms", () => {
  it("matches an image to os/arch/variant with the usual aliases", () => {
    const amd64 = { Os: "linux", Architecture: "amd64" };
    const arm64 = { Os: "linux", Architecture: "arm64", Variant: "v8" };
    const armv7 = { Os: "linux", Architecture: "arm", Variant: "v7" };
    expect(imageMatchesPlatform(amd64, "linux")).toBe(true);
    expect(imageMatchesPlatform(amd64, "linux/amd64")).toBe(true);
    expect(imageMatchesPlatform(amd64, "linux/x86_64")).toBe(true);
    expect(imageMatchesPlatform(amd64, "linux/arm64")).toBe(false);
    expect(imageMatchesPlatform(amd64, "windows/amd64")).toBe(false);
    expect(imageMatchesPlatform(arm64, "linux/arm64")).toBe(true);
    expect(imageMatchesPlatform(arm64, "linux/aarch64")).toBe(true);
    expect(imageMatchesPlatform(armv7, "linux/arm/v7")).toBe(true);
    expect(imageMatchesPlatform(armv7, "linux/armhf")).toBe(true);
    expect(imageMatchesPlatform(armv7, "linux/arm/v6")).toBe(false);
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
