import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appendService, serviceNames } from "@/lib/compose/append-service";
import { serviceFromRunSpec } from "@/lib/compose/service-from-run-spec";
import { parseDockerRun } from "@/lib/containers/parse-docker-run";

const fromLine = (line: string, taken?: Set<string>) => {
  const parsed = parseDockerRun(line);
  expect(parsed.errors).toEqual([]);
  return serviceFromRunSpec(parsed.spec, taken);
};

describe("serviceFromRunSpec", () => {
  it("maps a typical docker run line onto compose keys", () => {
    const out = fromLine(
      "docker run -d --name web -p 127.0.0.1:8080:80 -p 53:53/udp -e A=1 -e B=two " +
        "-v data:/var/lib/data:ro -v /srv/conf:/etc/conf --restart on-failure:3 " +
        "--memory 512m --cpus 0.5 -w /app -u 1000 nginx:1.27 nginx -g 'daemon off;'",
    );
    expect(out.name).toBe("web");
    expect(out.service).toEqual({
      image: "nginx:1.27",
      command: ["nginx", "-g", "daemon off;"],
      working_dir: "/app",
      user: "1000",
      environment: { A: "1", B: "two" },
      ports: ["127.0.0.1:8080:80", "53:53/udp"],
      volumes: ["data:/var/lib/data:ro", "/srv/conf:/etc/conf"],
      restart: "on-failure:3",
      cpus: 0.5,
      mem_limit: "512m",
    });
    expect(out.volumes).toEqual(["data"]);
    expect(out.externalNetworks).toEqual([]);
    expect(out.notCarried).toEqual([]);
  });

  it("names the service after the image when the line has no --name, unique in the file", () => {
    expect(fromLine("docker run redis:7").name).toBe("redis");
    expect(fromLine("docker run ghcr.io/acme/my.app:2@sha256:" + "a".repeat(64)).name).toBe(
      "my.app",
    );
    expect(fromLine("docker run redis", new Set(["redis", "redis-2"])).name).toBe("redis-3");
  });

  it("joins existing networks as external ones, with aliases and addresses", () => {
    const out = fromLine(
      "docker run --network name=backend,alias=api,ip=10.1.0.5 --network frontend app",
    );
    expect(out.service.networks).toEqual({
      backend: { aliases: ["api"], ipv4_address: "10.1.0.5" },
      frontend: null,
    });
    expect(out.externalNetworks).toEqual(["backend", "frontend"]);
    expect(fromLine("docker run --network host app").service.network_mode).toBe("host");
    const bridge = fromLine("docker run --network bridge app");
    expect(bridge.service.network_mode).toBe("bridge");
    expect(bridge.externalNetworks).toEqual([]);
  });

  it("carries health checks, security and resource settings", () => {
    const out = fromLine(
      "docker run --health-cmd 'wget -q -O- localhost' --health-interval 10s --health-retries 3 " +
        "--cap-add NET_ADMIN --cap-drop ALL --security-opt no-new-privileges --read-only " +
        "--ulimit nofile=1024:2048 --ulimit nproc=64 --tmpfs /run:size=64m --init -it " +
        "--stop-timeout 30 --log-driver json-file --log-opt max-size=10m --add-host db:10.0.0.2 app",
    );
    expect(out.service).toMatchObject({
      healthcheck: { test: ["CMD-SHELL", "wget -q -O- localhost"], interval: "10s", retries: 3 },
      cap_add: ["NET_ADMIN"],
      cap_drop: ["ALL"],
      security_opt: ["no-new-privileges:true"],
      read_only: true,
      ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 64 },
      tmpfs: ["/run:size=64m"],
      init: true,
      stdin_open: true,
      tty: true,
      stop_grace_period: "30s",
      logging: { driver: "json-file", options: { "max-size": "10m" } },
      extra_hosts: ["db:10.0.0.2"],
    });
    expect(fromLine("docker run --no-healthcheck app").service.healthcheck).toEqual({
      disable: true,
    });
  });

  it("names what compose cannot carry instead of dropping it", () => {
    const out = fromLine("docker run --rm -P app");
    expect(out.notCarried).toHaveLength(2);
    expect(out.notCarried.join(" ")).toMatch(/--rm/);
    expect(out.notCarried.join(" ")).toMatch(/-P/);
  });
});

describe("appendService", () => {
  const web = () => fromLine("docker run --name cache -p 6379:6379 -v cache:/data redis:7");

  it("adds the service and its volume to an existing file, keeping comments", () => {
    const text = "# the app\nservices:\n  web:\n    image: nginx # pinned later\n";
    const out = appendService(text, web());
    if ("error" in out) throw new Error(out.error);
    expect(out.text).toContain("# the app");
    expect(out.text).toContain("image: nginx # pinned later");
    // published ports stay strings for every YAML reader
    expect(out.text).toContain('- "6379:6379"');
    expect(parse(out.text)).toEqual({
      services: {
        web: { image: "nginx" },
        cache: { image: "redis:7", ports: ["6379:6379"], volumes: ["cache:/data"] },
      },
      volumes: { cache: {} },
    });
  });

  it("starts a file when the editor is empty and declares external networks once", () => {
    const withNetwork = fromLine("docker run --network shared app");
    const first = appendService("", withNetwork);
    if ("error" in first) throw new Error(first.error);
    expect(parse(first.text)).toEqual({
      services: { app: { image: "app", networks: ["shared"] } },
      networks: { shared: { external: true } },
    });
    const second = appendService(
      first.text,
      fromLine("docker run --network shared app", serviceNames(first.text)),
    );
    if ("error" in second) throw new Error(second.error);
    expect(Object.keys(parse(second.text).services)).toEqual(["app", "app-2"]);
    expect(parse(second.text).networks).toEqual({ shared: { external: true } });
  });

  it("refuses a file that does not parse rather than guess", () => {
    expect(appendService("services:\n  web: [\n", web())).toHaveProperty("error");
    expect(appendService("- a\n- b\n", web())).toHaveProperty("error");
    expect(appendService("services: 3\n", web())).toHaveProperty("error");
  });
});
