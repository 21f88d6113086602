import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgent } from "../harness/agent";
import { BUSYBOX_IMAGE, runCommand, startHosts, type SimHosts } from "../harness/hosts";
import { freePort } from "../harness/ports";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 3000 }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timeout")));
  });
}

async function retry<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > end) throw e;
      await sleep(200);
    }
  }
}

/** What stop() must leave behind: nothing of this run. */
async function expectGone(sim: SimHosts): Promise<void> {
  const netns = (await runCommand("ip", ["netns", "list"])).stdout;
  for (const h of sim.hosts) expect(netns).not.toContain(h.netns);
  const links = (await runCommand("ip", ["-o", "link", "show"])).stdout;
  expect(links).not.toContain(sim.bridge);
  const rules = (await runCommand("iptables", ["-w", "-S", "FORWARD"])).stdout;
  expect(rules).not.toContain(`berth-harness:${sim.runId}`);
  for (const h of sim.hosts) {
    let cmdline = "";
    try {
      cmdline = readFileSync(`/proc/${h.dockerdPid}/cmdline`, "utf8");
    } catch {
      /* gone */
    }
    expect(cmdline).not.toContain(h.stateDir);
  }
  expect(readFileSync("/proc/self/mounts", "utf8")).not.toContain(sim.stateDir);
  expect(() => readFileSync(path.join(sim.stateDir, "meta.json"))).toThrow(/^ENOENT/);
}

describe("simulated hosts", () => {
  let sim: SimHosts;
  let scratch: string;

  beforeAll(async () => {
    sim = await startHosts(2);
    scratch = mkdtempSync(path.join(tmpdir(), "berth-harness-test-"));
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }, 60_000);

  it("runs one engine per host, each answering _ping", async () => {
    expect(sim.hosts).toHaveLength(2);
    for (const h of sim.hosts) {
      const engine = new Docker({ socketPath: h.dockerSocket });
      expect(String(await engine.ping())).toBe("OK");
    }
    expect(sim.hosts[0]!.dockerSocket).not.toBe(sim.hosts[1]!.dockerSocket);
  });

  it("has the busybox image on every host", async () => {
    for (const h of sim.hosts) {
      const engine = new Docker({ socketPath: h.dockerSocket });
      const info = await engine.getImage(BUSYBOX_IMAGE).inspect();
      expect(info.RepoTags).toContain(BUSYBOX_IMAGE);
    }
  });

  it("gives every host its own name", async () => {
    const names = await Promise.all(
      sim.hosts.map(async (h) => (await new Docker({ socketPath: h.dockerSocket }).info()).Name),
    );
    expect(names).toEqual(sim.hosts.map((h) => h.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it("reaches a published port on host 2 from the root namespace", async () => {
    const h2 = sim.hosts[1]!;
    await h2.docker([
      "run",
      "-d",
      "--name",
      "web",
      "--hostname",
      "web-on-host2",
      "-p",
      "8080:80",
      BUSYBOX_IMAGE,
      "httpd",
      "-f",
      "-p",
      "80",
      "-h",
      "/etc",
    ]);
    const body = await retry(() => httpGet(`http://${h2.ip}:8080/hostname`), 10_000);
    expect(body.trim()).toBe("web-on-host2");
  });

  it("isolates the hosts: no default route inside a host", async () => {
    const routes = (await sim.hosts[0]!.exec(["ip", "-4", "route", "show"])).stdout;
    expect(routes).not.toMatch(/^default/m);
    expect(routes).toContain(sim.subnet);
  });

  it("runs an agent inside a host's namespace with its environment", async () => {
    const h1 = sim.hosts[0]!;
    // stand-in for dist/agent.cjs: prints its environment and interfaces, then idles
    const entry = path.join(scratch, "fake-agent.cjs");
    writeFileSync(
      entry,
      [
        'const fs = require("node:fs");',
        'process.on("SIGTERM", () => { console.log("bye"); process.exit(0); });',
        "const e = process.env;",
        'const ifs = fs.readFileSync("/proc/net/dev", "utf8").split("\\n").slice(2)',
        '  .map((l) => l.split(":")[0].trim()).filter(Boolean).sort().join(",");',
        "console.log(`env ${e.BERTH_SERVER_URL} ${e.BERTH_ENROLL_TOKEN} ${e.BERTH_AGENT_STATE} " +
          "${e.BERTH_AGENT_NAME} ${e.DOCKER_HOST} ${e.EXTRA}`);",
        "console.log(`ifs ${ifs}`);",
        "setInterval(() => {}, 1000);",
      ].join("\n"),
    );
    const port = await freePort(sim.gatewayIp);
    const serverUrl = `http://${sim.gatewayIp}:${port}`;
    const statePath = path.join(scratch, "agent-state.json");
    const agent = await startAgent({
      host: h1,
      serverUrl,
      enrollToken: "tok123",
      statePath,
      env: { EXTRA: "x1" },
      entry,
    });
    const env = await agent.waitForOutput(/env .*\n/, 10_000);
    expect(env.trim()).toBe(`env ${serverUrl} tok123 ${statePath} host1 ${h1.dockerHost} x1`);
    const ifs = await agent.waitForOutput(/ifs .*\n/, 10_000);
    expect(ifs.trim()).toBe("ifs docker0,eth0,lo");
    expect(await agent.kill()).toBe(0);
    expect(agent.output()).toContain("bye");

    // without a host it runs in the root namespace
    const local = await startAgent({ serverUrl, statePath, entry });
    const localIfs = await local.waitForOutput(/ifs .*\n/, 10_000);
    expect(localIfs).toContain(sim.bridge);
    expect(await local.kill("SIGKILL")).toBeNull();
  });

  it("stop() removes everything", async () => {
    const t = Date.now();
    await sim.stop();
    console.log(`2 hosts: start ${sim.timings.totalMs} ms, stop ${Date.now() - t} ms`);
    await expectGone(sim);
    await sim.stop(); // idempotent
  }, 60_000);
});

describe("swarm across simulated hosts", () => {
  let sim: SimHosts;

  beforeAll(async () => {
    sim = await startHosts(2, { swarm: true });
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
  }, 60_000);

  it("forms a swarm with all nodes Ready", async () => {
    const nodes = await new Docker({ socketPath: sim.hosts[0]!.dockerSocket }).listNodes();
    expect(nodes).toHaveLength(2);
    for (const n of nodes) expect(n.Status?.State).toBe("ready");
    expect(nodes.map((n) => n.Description?.Hostname).sort()).toEqual(["host1", "host2"]);
  });

  it("lets containers on different hosts reach each other by name on an overlay", async () => {
    const [h1, h2] = [sim.hosts[0]!, sim.hosts[1]!];
    await h1.docker(["network", "create", "-d", "overlay", "--attachable", "ov"]);
    const httpd = [BUSYBOX_IMAGE, "httpd", "-f", "-p", "80", "-h", "/etc"];
    await h1.docker(["run", "-d", "--name", "c1", "--hostname", "c1", "--network", "ov", ...httpd]);
    await h2.docker(["run", "-d", "--name", "c2", "--hostname", "c2", "--network", "ov", ...httpd]);
    await retry(() => h1.docker(["exec", "c1", "ping", "-c1", "-W2", "c2"]), 20_000);
    const body = await retry(
      () => h2.docker(["exec", "c2", "timeout", "5", "wget", "-qO-", "http://c1/hostname"]),
      20_000,
    );
    expect(body.stdout.trim()).toBe("c1");
  });

  it("stop() removes services, containers and everything else", async () => {
    await sim.hosts[0]!.docker([
      "service",
      "create",
      "-q",
      "--detach",
      "--no-resolve-image",
      "--name",
      "svc",
      "--endpoint-mode",
      "dnsrr",
      "--replicas",
      "2",
      BUSYBOX_IMAGE,
      "httpd",
      "-f",
      "-p",
      "80",
      "-h",
      "/etc",
    ]);
    const t = Date.now();
    await sim.stop();
    console.log(`swarm of 2: start ${sim.timings.totalMs} ms, stop ${Date.now() - t} ms`);
    await expectGone(sim);
  }, 60_000);
});
