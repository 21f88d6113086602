import { describe, expect, it } from "vitest";
import { specFromInspect } from "@/lib/containers/spec-from-inspect";
import { RunSpecSchema } from "@/lib/protocol";

const ID = "3f4e8a9b1c2d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f";

/** Shaped like `docker inspect` of `docker run` with most flags set. */
function fullInspect(): Record<string, unknown> {
  return {
    Id: ID,
    Name: "/web",
    Image: "sha256:abc",
    Config: {
      Hostname: "web-host",
      User: "1000:1000",
      Env: [
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "DB_PASSWORD=••••••",
        "MODE=prod",
        "EMPTY=",
        "EQ=a=b",
      ],
      Cmd: ["nginx", "-g", "daemon off;"],
      Entrypoint: ["/docker-entrypoint.sh"],
      Image: "nginx:1.27-alpine",
      WorkingDir: "/srv",
      Labels: { maintainer: "NGINX", app: "web", tier: "front" },
      Healthcheck: {
        Test: ["CMD-SHELL", "wget -qO- http://localhost/ || exit 1"],
        Interval: 30_000_000_000,
        Timeout: 5_000_000_000,
        StartPeriod: 10_000_000_000,
        Retries: 3,
      },
    },
    HostConfig: {
      Binds: ["/srv/www:/usr/share/nginx/html:ro", "webdata:/data", "/etc/ssl:/etc/ssl:ro,Z"],
      PortBindings: {
        "80/tcp": [{ HostIp: "", HostPort: "8080" }],
        "443/tcp": [{ HostIp: "127.0.0.1", HostPort: "8443" }],
        "53/udp": [{ HostIp: "", HostPort: "" }],
        "9000/tcp": null,
      },
      PublishAllPorts: false,
      RestartPolicy: { Name: "on-failure", MaximumRetryCount: 5 },
      NetworkMode: "appnet",
      AutoRemove: false,
      Privileged: true,
      ReadonlyRootfs: true,
      CapAdd: ["NET_ADMIN"],
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges:true"],
      Tmpfs: { "/run": "rw,size=64m", "/tmp": "" },
      NanoCpus: 1_500_000_000,
      Memory: 536_870_912,
      PidsLimit: 200,
      Mounts: [
        { Type: "volume", Source: "cache", Target: "/cache", ReadOnly: true },
        { Type: "bind", Source: "/var/log/web", Target: "/var/log/nginx" },
        { Type: "tmpfs", Target: "/scratch", TmpfsOptions: { SizeBytes: 1048576, Mode: 0o1777 } },
        { Type: "volume", Target: "/anon" },
      ],
    },
    NetworkSettings: {
      Networks: {
        backend: { Aliases: ["api", ID.slice(0, 12)] },
        appnet: { Aliases: ["web", "www"] },
      },
    },
    Mounts: [{ Type: "volume", Name: "0123456789abcdef", Destination: "/var/cache/nginx" }],
  };
}

describe("specFromInspect", () => {
  it("carries over every run flag", () => {
    const spec = specFromInspect(fullInspect(), { keepName: true });
    expect(spec).toEqual({
      image: "nginx:1.27-alpine",
      name: "web",
      command: ["nginx", "-g", "daemon off;"],
      entrypoint: ["/docker-entrypoint.sh"],
      workingDir: "/srv",
      user: "1000:1000",
      hostname: "web-host",
      env: [
        { key: "PATH", value: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
        { key: "DB_PASSWORD", value: "••••••" },
        { key: "MODE", value: "prod" },
        { key: "EMPTY", value: "" },
        { key: "EQ", value: "a=b" },
      ],
      ports: [
        { containerPort: 53, protocol: "udp" },
        { containerPort: 80, hostPort: 8080, protocol: "tcp" },
        { hostIp: "127.0.0.1", containerPort: 443, hostPort: 8443, protocol: "tcp" },
      ],
      publishAll: false,
      volumes: [
        { name: "webdata", target: "/data", readOnly: false },
        { name: "cache", target: "/cache", readOnly: true },
      ],
      binds: [
        { source: "/srv/www", target: "/usr/share/nginx/html", readOnly: true },
        { source: "/etc/ssl", target: "/etc/ssl", readOnly: true },
        { source: "/var/log/web", target: "/var/log/nginx", readOnly: false },
      ],
      tmpfs: [
        { target: "/scratch", options: "size=1048576,mode=1777" },
        { target: "/run", options: "rw,size=64m" },
        { target: "/tmp" },
      ],
      networks: [
        // The container's own name resolves anyway; the engine lists it among the aliases.
        { name: "appnet", aliases: ["www"] },
        { name: "backend", aliases: ["api"] },
      ],
      restartPolicy: { name: "on-failure", maxRetries: 5 },
      cpus: 1.5,
      memoryBytes: 536_870_912,
      pidsLimit: 200,
      readOnlyRootfs: true,
      privileged: true,
      capAdd: ["NET_ADMIN"],
      capDrop: ["ALL"],
      noNewPrivileges: true,
      labels: { maintainer: "NGINX", app: "web", tier: "front" },
      healthcheck: {
        test: ["CMD-SHELL", "wget -qO- http://localhost/ || exit 1"],
        intervalSeconds: 30,
        timeoutSeconds: 5,
        startPeriodSeconds: 10,
        retries: 3,
      },
      autoRemove: false,
      start: true,
    });
    expect(RunSpecSchema.safeParse(spec).success).toBe(true);
  });

  it("leaves the name out for a duplicate", () => {
    expect(specFromInspect(fullInspect()).name).toBeUndefined();
  });

  it("drops what the image sets and fills real secret values", () => {
    const spec = specFromInspect(fullInspect(), {
      image: {
        Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        Cmd: ["nginx", "-g", "daemon off;"],
        Entrypoint: ["/docker-entrypoint.sh"],
        WorkingDir: "/srv",
        Labels: { maintainer: "NGINX" },
      },
      env: [
        { name: "DB_PASSWORD", value: "hunter2" },
        { name: "MODE", value: null },
      ],
    });
    expect(spec.command).toBeUndefined();
    expect(spec.entrypoint).toBeUndefined();
    expect(spec.workingDir).toBeUndefined();
    expect(spec.labels).toEqual({ app: "web", tier: "front" });
    expect(spec.env).toEqual([
      { key: "DB_PASSWORD", value: "hunter2" },
      { key: "MODE", value: "prod" },
      { key: "EMPTY", value: "" },
      { key: "EQ", value: "a=b" },
    ]);
  });

  it("keeps a minimal container minimal", () => {
    const spec = specFromInspect({
      Id: ID,
      Name: "/quiet_turing",
      Config: { Hostname: ID.slice(0, 12), Image: "alpine", Cmd: null, Env: null, Labels: null },
      HostConfig: {
        NetworkMode: "bridge",
        RestartPolicy: { Name: "", MaximumRetryCount: 0 },
        PidsLimit: null,
        Memory: 0,
        NanoCpus: 0,
        SecurityOpt: null,
      },
      NetworkSettings: { Networks: { bridge: { Aliases: null } } },
    });
    expect(spec).toEqual({
      image: "alpine",
      env: [],
      ports: [],
      publishAll: false,
      volumes: [],
      binds: [],
      tmpfs: [],
      networks: [],
      restartPolicy: { name: "no" },
      readOnlyRootfs: false,
      privileged: false,
      capAdd: [],
      capDrop: [],
      noNewPrivileges: false,
      labels: {},
      autoRemove: false,
      start: true,
    });
    expect(RunSpecSchema.safeParse(spec).success).toBe(true);
  });

  it("uses CPU quota when NanoCpus is unset and a network mode without endpoints", () => {
    const spec = specFromInspect({
      Config: { Image: "busybox" },
      HostConfig: { CpuQuota: 50_000, CpuPeriod: 100_000, NetworkMode: "host" },
    });
    expect(spec.cpus).toBe(0.5);
    expect(spec.networks).toEqual([{ name: "host", aliases: [] }]);
  });

  it("survives garbage", () => {
    expect(specFromInspect(null)).toMatchObject({ image: "", env: [], ports: [] });
    expect(specFromInspect({ Config: [], HostConfig: "x" }).image).toBe("");
  });
});
