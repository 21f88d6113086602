import { describe, expect, it } from "vitest";
import {
  isSensitiveHostPath,
  securitySummary,
  type SecurityItem,
} from "@/lib/containers/security-summary";

/** A container as `docker run nginx` leaves it, in the Engine API's inspect shape. */
function inspect(
  overrides: {
    Config?: object;
    HostConfig?: object;
    Mounts?: unknown[];
    NetworkSettings?: object;
  } = {},
): Record<string, unknown> {
  return {
    Id: "abc",
    Config: { User: "", Env: [], ...overrides.Config },
    HostConfig: {
      Privileged: false,
      CapAdd: null,
      CapDrop: null,
      ReadonlyRootfs: false,
      SecurityOpt: null,
      Memory: 0,
      NanoCpus: 0,
      CpuQuota: 0,
      CpuPeriod: 0,
      PidsLimit: null,
      NetworkMode: "bridge",
      PidMode: "",
      IpcMode: "private",
      PortBindings: {},
      PublishAllPorts: false,
      Binds: null,
      Mounts: null,
      Devices: [],
      ...overrides.HostConfig,
    },
    Mounts: overrides.Mounts ?? [],
    NetworkSettings: { Ports: {}, ...overrides.NetworkSettings },
  };
}

const byKey = (items: SecurityItem[]) => Object.fromEntries(items.map((i) => [i.key, i]));
const item = (json: Record<string, unknown>, key: string) => {
  const found = byKey(securitySummary(json).items)[key];
  if (!found) throw new Error(`no item ${key}`);
  return found;
};

describe("securitySummary", () => {
  it("lists the checks of a default container in a fixed order", () => {
    const { items } = securitySummary(inspect());
    expect(items.map((i) => [i.key, i.level])).toEqual([
      ["user", "warn"],
      ["privileged", "ok"],
      ["capAdd", "ok"],
      ["capDrop", "warn"],
      ["readOnlyRootfs", "warn"],
      ["noNewPrivileges", "warn"],
      ["memoryLimit", "warn"],
      ["cpuLimit", "warn"],
      ["pidsLimit", "warn"],
      ["mounts", "ok"],
      ["networkMode", "ok"],
      ["pidMode", "ok"],
      ["ipcMode", "ok"],
      ["ports", "ok"],
    ]);
    for (const i of items) {
      expect(i.label).not.toBe("");
      expect(i.detail).toMatch(/\.$/);
    }
  });

  it("gives all green for a hardened container", () => {
    const { items } = securitySummary(
      inspect({
        Config: { User: "1000:1000" },
        HostConfig: {
          CapDrop: ["ALL"],
          ReadonlyRootfs: true,
          SecurityOpt: ["no-new-privileges:true"],
          Memory: 256 * 1024 * 1024,
          NanoCpus: 500_000_000,
          PidsLimit: 100,
          PortBindings: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }] },
        },
      }),
    );
    expect(items.filter((i) => i.level !== "ok")).toEqual([]);
    const k = byKey(items);
    expect(k.user!.detail).toBe("Runs as 1000:1000, not root.");
    expect(k.memoryLimit!.detail).toBe("Limited to 256 MiB.");
    expect(k.cpuLimit!.detail).toBe("Limited to 0.5 CPUs.");
    expect(k.pidsLimit!.detail).toBe("At most 100 processes.");
    expect(k.ports!.detail).toBe("Published on this host's loopback only.");
  });

  it.each([
    ["", "warn"],
    ["0", "warn"],
    ["root", "warn"],
    ["0:0", "warn"],
    ["root:wheel", "warn"],
    ["nobody", "ok"],
    ["1000", "ok"],
    ["app:app", "ok"],
  ])("judges user %j as %s", (user, level) => {
    expect(item(inspect({ Config: { User: user } }), "user").level).toBe(level);
  });

  it("flags privileged mode as dangerous", () => {
    const i = item(inspect({ HostConfig: { Privileged: true } }), "privileged");
    expect(i.level).toBe("danger");
    expect(i.detail).toContain("take over the host");
  });

  it("tells dangerous added capabilities from harmless ones", () => {
    const danger = item(
      inspect({ HostConfig: { CapAdd: ["CAP_SYS_ADMIN", "net_admin", "CHOWN"] } }),
      "capAdd",
    );
    expect(danger.level).toBe("danger");
    expect(danger.detail).toBe(
      "Adds SYS_ADMIN, NET_ADMIN, CHOWN; SYS_ADMIN, NET_ADMIN can be used to break out or reach into the host.",
    );
    expect(item(inspect({ HostConfig: { CapAdd: ["SYS_PTRACE"] } }), "capAdd").level).toBe(
      "danger",
    );
    expect(item(inspect({ HostConfig: { CapAdd: ["ALL"] } }), "capAdd").level).toBe("danger");
    const mild = item(inspect({ HostConfig: { CapAdd: ["NET_BIND_SERVICE"] } }), "capAdd");
    expect(mild).toMatchObject({ level: "warn", detail: "Adds NET_BIND_SERVICE." });
  });

  it("credits dropping all capabilities, and only that", () => {
    expect(item(inspect({ HostConfig: { CapDrop: ["all"] } }), "capDrop").level).toBe("ok");
    const some = item(inspect({ HostConfig: { CapDrop: ["NET_RAW"] } }), "capDrop");
    expect(some.level).toBe("warn");
    expect(some.detail).toContain("Drops NET_RAW");
  });

  it.each([
    [["no-new-privileges"], "ok"],
    [["no-new-privileges:true"], "ok"],
    [["no-new-privileges=true"], "ok"],
    [["no-new-privileges:false"], "warn"],
    [["label=disable"], "warn"],
  ])("reads security options %j for no-new-privileges", (opts, level) => {
    expect(item(inspect({ HostConfig: { SecurityOpt: opts } }), "noNewPrivileges").level).toBe(
      level,
    );
  });

  it("notes seccomp and AppArmor turned off", () => {
    const { items } = securitySummary(
      inspect({ HostConfig: { SecurityOpt: ["seccomp=unconfined", "apparmor:unconfined"] } }),
    );
    const k = byKey(items);
    expect(k.seccomp?.level).toBe("warn");
    expect(k.apparmor?.level).toBe("warn");
    expect(byKey(securitySummary(inspect()).items).seccomp).toBeUndefined();
  });

  it("reads CPU limits from quota and period, and cpusets", () => {
    expect(
      item(inspect({ HostConfig: { CpuQuota: 200_000, CpuPeriod: 100_000 } }), "cpuLimit").detail,
    ).toBe("Limited to 2 CPUs.");
    expect(item(inspect({ HostConfig: { NanoCpus: 1e9 } }), "cpuLimit").detail).toBe(
      "Limited to 1 CPU.",
    );
    expect(item(inspect({ HostConfig: { CpusetCpus: "0-1" } }), "cpuLimit")).toMatchObject({
      level: "ok",
      detail: "Pinned to CPUs 0-1.",
    });
  });

  it.each([null, 0, -1])("treats a pids limit of %j as none", (limit) => {
    expect(item(inspect({ HostConfig: { PidsLimit: limit } }), "pidsLimit").level).toBe("warn");
  });

  it("flags sensitive host mounts from Mounts, Binds and HostConfig.Mounts, once each", () => {
    const { items } = securitySummary(
      inspect({
        Mounts: [
          {
            Type: "bind",
            Source: "/var/run/docker.sock",
            Destination: "/var/run/docker.sock",
            RW: false,
          },
          { Type: "bind", Source: "/etc", Destination: "/host/etc", RW: false },
          { Type: "bind", Source: "/srv/site", Destination: "/site", RW: true },
          {
            Type: "volume",
            Source: "/var/lib/docker/volumes/x/_data",
            Destination: "/x",
            RW: true,
          },
        ],
        HostConfig: {
          Binds: ["/etc:/host/etc:ro", "/:/host", "data:/data"],
          Mounts: [{ Type: "bind", Source: "/proc", Target: "/host/proc", ReadOnly: false }],
        },
      }),
    );
    const mounts = items.filter((i) => i.key.startsWith("mount"));
    expect(mounts.map((m) => [m.key, m.level])).toEqual([
      ["mount:/var/run/docker.sock", "danger"],
      ["mount:/etc", "warn"],
      ["mount:/", "danger"],
      ["mount:/proc", "danger"],
    ]);
    expect(mounts[0]!.detail).toContain("engine's socket");
    expect(mounts[1]!.detail).toBe("/etc on the host is mounted read-only at /host/etc.");
    expect(mounts[3]!.detail).toBe("/proc on the host is mounted read-write at /host/proc.");
  });

  it("says so when no sensitive host path is mounted", () => {
    const i = item(
      inspect({ Mounts: [{ Type: "bind", Source: "/srv/site", Destination: "/site", RW: true }] }),
      "mounts",
    );
    expect(i).toMatchObject({ level: "ok", detail: "No sensitive host paths are mounted." });
  });

  it("lists host devices", () => {
    const i = item(
      inspect({
        HostConfig: { Devices: [{ PathOnHost: "/dev/fuse", PathInContainer: "/dev/fuse" }] },
      }),
      "devices",
    );
    expect(i).toMatchObject({ level: "warn", detail: "Has access to /dev/fuse on the host." });
  });

  it("flags host namespaces", () => {
    const json = inspect({
      HostConfig: { NetworkMode: "host", PidMode: "host", IpcMode: "host", UTSMode: "host" },
    });
    const k = byKey(securitySummary(json).items);
    expect(k.networkMode!.level).toBe("warn");
    expect(k.pidMode!.level).toBe("danger");
    expect(k.ipcMode!.level).toBe("warn");
    expect(k.utsMode!.level).toBe("warn");
    expect(k.ports!.detail).toBe("Host network: every port it listens on is open on the host.");
    const shared = item(inspect({ HostConfig: { NetworkMode: "container:db" } }), "networkMode");
    expect(shared).toMatchObject({ level: "ok", detail: "Shared with container db." });
    expect(item(inspect({ HostConfig: { NetworkMode: "none" } }), "networkMode").detail).toBe(
      "No network.",
    );
  });

  it("warns about ports open on all interfaces, from the live ports first", () => {
    const live = item(
      inspect({
        NetworkSettings: {
          Ports: {
            "80/tcp": [
              { HostIp: "0.0.0.0", HostPort: "8080" },
              { HostIp: "::", HostPort: "8080" },
            ],
            "53/udp": [{ HostIp: "127.0.0.1", HostPort: "53" }],
            "9000/tcp": null,
          },
        },
      }),
      "ports",
    );
    expect(live.level).toBe("warn");
    expect(live.detail).toBe(
      "Open on all interfaces: 8080→80/tcp. Bind to 127.0.0.1 if only this host should reach them.",
    );
    const stopped = item(
      inspect({ HostConfig: { PortBindings: { "5432/tcp": [{ HostIp: "", HostPort: "" }] } } }),
      "ports",
    );
    expect(stopped.detail).toContain("?→5432/tcp");
    const specific = item(
      inspect({
        HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "10.0.0.5", HostPort: "80" }] } },
      }),
      "ports",
    );
    expect(specific).toMatchObject({ level: "ok", detail: "Published on 10.0.0.5 only." });
    expect(item(inspect({ HostConfig: { PublishAllPorts: true } }), "ports").level).toBe("warn");
  });

  it("never throws on missing or odd fields", () => {
    for (const json of [
      {},
      { Config: null, HostConfig: "x" },
      { HostConfig: { CapAdd: [1, null] } },
    ]) {
      expect(securitySummary(json as Record<string, unknown>).items.length).toBeGreaterThan(5);
    }
  });
});

describe("isSensitiveHostPath", () => {
  it.each([
    "/",
    "/etc",
    "/etc/",
    "/etc/nginx",
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/run/containerd/containerd.sock",
    "/run/user/1000/podman/podman.sock",
    "/tmp/docker.sock",
    "/proc",
    "/sys/fs/cgroup",
    "/dev",
    "/dev/sda",
    "/boot",
    "/root",
    "/root/.ssh",
    "/home",
    "/home/alice/project",
    "/var/lib/docker",
    "/var/lib/docker/volumes",
    "/usr/bin",
    "/lib/modules",
    "/var",
    "/var/lib",
    "//etc",
    "/srv/../etc",
    "/srv/./../etc/passwd",
  ])("treats %s as sensitive", (path) => {
    expect(isSensitiveHostPath(path)).toBe(true);
  });

  it.each([
    "/srv",
    "/srv/www",
    "/opt/app/data",
    "/mnt/backup",
    "/data",
    "/var/lib/mysql",
    "/var/log/app",
    "/tmp/cache",
    "/etcetera",
    "/homes",
    "/srv/app.sock",
    "data",
    "relative/etc",
    "",
  ])("treats %j as not sensitive", (path) => {
    expect(isSensitiveHostPath(path)).toBe(false);
  });
});
