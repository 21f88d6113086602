import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { startAgent, type AgentProcess } from "../harness/agent";
import { BUSYBOX_IMAGE, startHosts, type SimHosts } from "../harness/hosts";
import { e2eEnv } from "./env";
import { signIn } from "./helpers";

// Runs after 01-first-run (the admin exists). Three more hosts of their own, on one LAN, become a
// swarm through the cluster page.
test.describe.configure({ mode: "serial" });

let sim: SimHosts;
let stateDir = "";
const agents: AgentProcess[] = [];

test.beforeAll(async () => {
  const env = e2eEnv();
  process.env.DATABASE_URL = env.databaseUrl;
  sim = await startHosts(3, { swarmTeardown: true });
  stateDir = await mkdtemp(path.join(os.tmpdir(), "berth-e2e-cluster-"));
  const { createEnrollmentToken } = await import("@/lib/services/hosts/create-enrollment-token");
  const port = new URL(env.baseUrl).port;
  for (const host of sim.hosts) {
    const { token } = await createEnrollmentToken({ system: "test" }, { hostName: host.name });
    agents.push(
      await startAgent({
        host,
        serverUrl: `http://${sim.gatewayIp}:${port}`,
        enrollToken: token,
        statePath: path.join(stateDir, `${host.name}.json`),
      }),
    );
  }
});

test.afterAll(async () => {
  for (const agent of agents) await agent.kill();
  await sim?.stop();
  await rm(stateDir, { recursive: true, force: true });
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
});

test("form a swarm from the cluster page, see an overlay network span its hosts, place a service, drain a node", async ({
  page,
}) => {
  const [h1, h2, h3] = sim.hosts as [
    SimHosts["hosts"][0],
    SimHosts["hosts"][0],
    SimHosts["hosts"][0],
  ];
  await signIn(page);
  await page.getByRole("link", { name: "Cluster" }).click();
  await expect(page.getByRole("heading", { name: "Cluster" })).toBeVisible();
  const outside = page.getByTestId("outside-hosts");
  for (const h of sim.hosts) await expect(outside).toContainText(`${h.name}inactive`);

  await page.getByRole("button", { name: "New overlay network" }).click();
  await page.getByLabel("Name", { exact: true }).fill("e2e-mesh");
  for (const h of sim.hosts) {
    await page.getByLabel(`Include ${h.name}`).check();
    // the address the host's agent connects from is suggested; it stays editable
    await expect(page.getByLabel(`Advertise address of ${h.name}`)).toHaveValue(h.ip);
  }
  await page.getByLabel(`Advertise address of ${h2.name}`).fill(h3.ip);
  await page.getByRole("button", { name: "Create overlay network" }).click();
  // the wrong address is refused next to its host; the first host founded the swarm meanwhile
  await expect(page.getByText(`${h3.ip} is not an address of this host`)).toBeVisible();
  await page.getByLabel(`Advertise address of ${h2.name}`).fill(h2.ip);
  await page.getByRole("button", { name: "Create overlay network" }).click();
  const created = page.getByTestId("overlay-created");
  await expect(created).toContainText(
    `e2e-mesh created across ${h1.name} (was in the swarm, manager)`,
  );
  await expect(created).toContainText(`${h3.name} (joined, manager)`);

  await page.getByRole("button", { name: "Close" }).click();
  const swarm = page.getByTestId("swarm");
  await expect(swarm).toContainText("3 managers, all reachable");
  for (const h of sim.hosts)
    await expect(page.getByTestId(`node-${h.name}`)).toContainText("ready");
  await expect(page.getByTestId(`span-e2e-mesh-${h1.name}`)).toContainText("no containers");

  // containers started on the hosts themselves show up in the span, from the engines' events
  await h3.docker([
    "run",
    "-d",
    "--name",
    "e2e-web",
    "--network",
    "e2e-mesh",
    BUSYBOX_IMAGE,
    "sleep",
    "600",
  ]);
  await h1.docker([
    "run",
    "-d",
    "--name",
    "e2e-client",
    "--network",
    "e2e-mesh",
    BUSYBOX_IMAGE,
    "sleep",
    "600",
  ]);
  await expect(page.getByTestId(`span-e2e-mesh-${h3.name}`)).toContainText("e2e-web");
  await expect(page.getByTestId(`span-e2e-mesh-${h1.name}`)).toContainText("e2e-client");
  const ping = await h1.docker(["exec", "e2e-client", "ping", "-c", "1", "-W", "3", "e2e-web"], {
    allowFail: true,
  });
  expect(ping.code, ping.stdout + ping.stderr).toBe(0);

  // a replicated service: its tasks placed on the nodes, moved off a drained one
  await page.getByRole("button", { name: "New service" }).click();
  const form = page.getByRole("form", { name: "New service" });
  await form.getByLabel("Service name").fill("e2e-svc");
  await form.getByLabel("Image", { exact: true }).fill(BUSYBOX_IMAGE);
  await form.getByLabel("Replicas").fill("3");
  await form
    .getByLabel("Command (sh -c, optional)")
    .fill("echo ready on $(hostname) && exec sleep 600");
  await form.getByLabel("e2e-mesh").check();
  // the engine's socket as a bind mount, and a reservation that is not a size
  await form.getByRole("button", { name: "Add mount" }).click();
  await form.getByLabel("Mount type").selectOption("bind");
  await form.getByLabel("Host path").fill(h1.dockerSocket);
  await form.getByLabel("Path in container").fill("/var/run/docker.sock");
  await form.getByLabel("Memory reserved (MiB)").fill("lots");
  await form.getByLabel("Restart when a task stops").selectOption("on-failure");
  await form.getByLabel("Max attempts (empty: no limit)").fill("3");
  await form.getByLabel("Order").selectOption("start-first");
  await form.getByRole("button", { name: "Create service" }).click();
  await expect(form.locator("#svc-reservations-memory-error")).toHaveText(
    "Write a size in MiB, at least 6.",
  );
  await form.getByLabel("Memory reserved (MiB)").fill("16");
  await form.getByRole("button", { name: "Create service" }).click();
  // each host's policy refuses the socket, beside the host path
  const refusal = form.locator("#svc-binds-0-source-error");
  await expect(refusal).toContainText(`On ${h1.name}: `);
  await expect(refusal).toContainText("is refused whatever the role");
  await expect(form.locator("#svc-binds-0-source")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "docs/screenshots/cluster-service-form.png", fullPage: true });
  // a tmpfs instead, and a config file
  await form.getByLabel("Mount type").selectOption("tmpfs");
  await form.getByLabel("Size in MiB (optional)").fill("8");
  await form.getByLabel("Path in container").fill("/scratch");
  await form.getByRole("button", { name: "Add config" }).click();
  await form.getByLabel("Config name").fill("app");
  await form.getByLabel("Path in container").nth(1).fill("/etc/app.conf");
  await form.getByLabel("Content of /etc/app.conf").fill("colour=blue");
  await form.getByRole("button", { name: "Create service" }).click();
  const service = page.getByTestId("service-e2e-svc");
  await expect(service).toContainText("3/3 running");
  await page.getByRole("button", { name: "Close" }).click();
  for (const h of sim.hosts) {
    await expect(page.getByTestId(`tasks-e2e-svc-${h.name}`)).toContainText("running");
  }
  const spec = JSON.parse(
    (await h1.docker(["service", "inspect", "e2e-svc", "--format", "{{json .Spec}}"])).stdout,
  ) as {
    TaskTemplate: {
      ContainerSpec: { Mounts: unknown[]; Configs: Array<{ File: { Name: string } }> };
      Resources: unknown;
      RestartPolicy: unknown;
    };
    UpdateConfig: { Order: string };
  };
  expect(spec.TaskTemplate.ContainerSpec.Mounts).toEqual([
    { Type: "tmpfs", Target: "/scratch", TmpfsOptions: { SizeBytes: 8 * 1024 * 1024 } },
  ]);
  expect(spec.TaskTemplate.ContainerSpec.Configs.map((c) => c.File.Name)).toEqual([
    "/etc/app.conf",
  ]);
  expect(spec.TaskTemplate.Resources).toMatchObject({
    Reservations: { MemoryBytes: 16 * 1024 * 1024 },
  });
  expect(spec.TaskTemplate.RestartPolicy).toMatchObject({
    Condition: "on-failure",
    MaxAttempts: 3,
  });
  expect(spec.UpdateConfig.Order).toBe("start-first");

  const node2 = page.getByTestId(`node-${h2.name}`);
  await node2.getByRole("button", { name: "Drain" }).click();
  await expect(node2).toContainText("drain");
  await expect(page.getByTestId(`tasks-e2e-svc-${h2.name}`)).not.toContainText("running", {
    timeout: 45_000,
  });
  await expect(service).toContainText("3/3 running", { timeout: 45_000 });
  await page.screenshot({ path: "docs/screenshots/cluster.png", fullPage: true });
  await node2.getByRole("button", { name: "Activate" }).click();
  await expect(node2).toContainText("active");
  await service.getByRole("button", { name: "Logs" }).click();
  // every task's lines, each tagged with the host it ran on
  const logs = page.getByTestId("logs-e2e-svc");
  for (const h of [h1, h3]) await expect(logs).toContainText(`${h.name} `);
  await expect(logs).toContainText("ready on ");
  await page.getByLabel("Last lines of each task").selectOption("1000");
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByText(/^\d+ lines$/)).toBeVisible();
});
