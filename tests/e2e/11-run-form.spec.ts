import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { AgentProcess } from "../harness/agent";
import { e2eEnv } from "./env";
import { docker, IMAGE, releaseHost, reconnectHost, SHOTS, signIn } from "./helpers";

// Runs after 01-first-run: the admin exists and the host edge-01 is enrolled.
const DAN = { name: "Dan Deployer", email: "dan@example.test", password: "deploys by the rules" };
const CONTAINERS = ["e2e-opts", "e2e-refused", "e2e-engine-defaults"];

test.describe.configure({ mode: "serial" });

let agent: AgentProcess | null = null;
let hostId = "";

test.beforeAll(async () => {
  ({ agent, hostId } = await reconnectHost());
  const { db } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/auth/passwords");
  // the refusal below is the strict default's: no host or group policy may apply
  expect(await db.securityPolicy.count()).toBe(0);
  const user = await db.user.create({
    data: { email: DAN.email, name: DAN.name, passwordHash: await hashPassword(DAN.password) },
  });
  await db.hostAccess.create({ data: { hostId, userId: user.id, role: "DEPLOYER" } });
});

test.afterAll(async () => {
  for (const name of CONTAINERS) docker(["rm", "-f", name]);
  const { db } = await import("@/lib/db");
  await db.user.deleteMany({ where: { email: DAN.email } });
  await releaseHost(agent);
});

async function openRunForm(page: Page) {
  await page.goto(`${e2eEnv().baseUrl}/containers/new?host=${hostId}`);
  await expect(page.getByRole("heading", { name: "Run a container" })).toBeVisible();
}

test("a pasted docker run line with the engine's finer options fills their inputs", async ({
  page,
}) => {
  await signIn(page);
  await openRunForm(page);
  // advanced sections start closed
  for (const card of ["namespaces-card", "devices-card", "logging-card", "dns-card"]) {
    await expect(page.getByTestId(card)).not.toHaveAttribute("open");
  }
  await page
    .getByLabel("docker run …")
    .fill(
      [
        "docker run -d -it --init --name pasted-opts --pid host --ipc shareable",
        "--device /dev/null:/dev/nothing:rw --sysctl net.core.somaxconn=1024",
        "--ulimit nofile=1024:2048 --shm-size 128m --dns 10.0.0.2 --dns-search corp.example",
        "--add-host db:10.0.0.3 --log-driver json-file --log-opt max-size=10m",
        "--stop-signal SIGINT --stop-timeout 5 --cpu-shares 512 --memory-swap 1g",
        "--security-opt seccomp=unconfined --group-add audio --pull never",
        "--mac-address 02:42:ac:11:00:09 --expose 8080 --cgroupns host",
        `${IMAGE} sleep 600`,
      ].join(" "),
    );
  await page.getByTestId("docker-run-apply").click();
  await expect(page.getByTestId("docker-run-report")).toContainText(
    "The form now holds everything from the line.",
  );

  await expect(page.getByLabel("Keep STDIN open (-i)")).toBeChecked();
  await expect(page.getByLabel("Allocate a pseudo-TTY (-t)")).toBeChecked();
  await expect(page.getByLabel("Init process (--init)")).toHaveValue("on");
  await expect(page.getByLabel("Stop signal (optional)")).toHaveValue("SIGINT");
  await expect(page.getByLabel("Stop timeout, seconds (optional)")).toHaveValue("5");
  await expect(page.getByLabel("Pull the image (--pull)")).toHaveValue("never");
  await expect(page.getByLabel("/dev/shm size (optional)")).toHaveValue("128m");
  await expect(page.getByLabel("Extra groups for the user (optional, --group-add)")).toHaveValue(
    "audio",
  );
  await expect(page.getByLabel("MAC address (optional)")).toHaveValue("02:42:ac:11:00:09");
  await expect(page.getByLabel("Expose ports, unpublished (optional)")).toHaveValue("8080");

  // the collapsed sections opened because they now hold values: their inputs are visible
  await expect(page.getByLabel("CPU shares (relative weight)")).toHaveValue("512");
  await expect(page.getByLabel("Memory + swap (-1: unlimited swap)")).toHaveValue("1g");
  await expect(page.getByLabel("Ulimit name")).toHaveValue("nofile");
  await expect(page.getByLabel("Soft limit of nofile")).toHaveValue("1024");
  await expect(page.getByLabel("Hard limit of nofile")).toHaveValue("2048");
  await expect(page.getByLabel("PID namespace (--pid)")).toHaveValue("host");
  await expect(page.getByLabel("IPC namespace (--ipc)")).toHaveValue("shareable");
  await expect(page.getByLabel("Cgroup namespace (--cgroupns)")).toHaveValue("host");
  await expect(page.getByLabel("Device host path")).toHaveValue("/dev/null");
  await expect(page.getByLabel("Device path in container")).toHaveValue("/dev/nothing");
  await expect(page.getByLabel("Device permissions")).toHaveValue("rw");
  await expect(page.getByLabel("Sysctl name")).toHaveValue("net.core.somaxconn");
  await expect(page.getByLabel("Value of net.core.somaxconn")).toHaveValue("1024");
  await expect(page.getByLabel("Security option", { exact: true })).toHaveValue(
    "seccomp=unconfined",
  );
  await expect(page.getByLabel("DNS servers")).toHaveValue("10.0.0.2");
  await expect(page.getByLabel("Search domains")).toHaveValue("corp.example");
  await expect(page.getByLabel("Extra host name")).toHaveValue("db");
  await expect(page.getByLabel("IP address of db")).toHaveValue("10.0.0.3");
  await expect(page.getByLabel("Log driver (empty: the engine’s default)")).toHaveValue(
    "json-file",
  );
  await expect(page.getByLabel("Log option", { exact: true })).toHaveValue("max-size");
  await expect(page.getByLabel("Value of max-size")).toHaveValue("10m");
  for (const card of ["namespaces-card", "devices-card", "logging-card", "dns-card"]) {
    await expect(page.getByTestId(card)).toHaveAttribute("open");
  }
  await page.screenshot({ path: `${SHOTS}/run-form-expanded.png`, fullPage: true });

  // and the form writes the same line back
  await page.getByTestId("copy-docker-run").click();
  const line = page.getByTestId("docker-run-output");
  for (const flag of [
    "--init",
    "--pid host",
    "--device /dev/null:/dev/nothing:rw",
    "--sysctl net.core.somaxconn=1024",
    "--ulimit nofile=1024:2048",
    "--shm-size 128m",
    "--add-host db:10.0.0.3",
    "--log-opt max-size=10m",
    "--stop-signal SIGINT",
  ]) {
    await expect(line).toContainText(flag);
  }
});

test("a deployer's refused settings are named next to their inputs, with their rules, and nothing is created", async ({
  page,
}) => {
  await signIn(page, DAN);
  await openRunForm(page);
  await page.getByLabel("Image", { exact: true }).fill(IMAGE);
  await page.getByLabel("Name (optional)", { exact: true }).fill("e2e-refused");
  await page.getByLabel("Command (optional, shell words)").fill("sleep 600");
  await page.getByLabel("Add capabilities").fill("SYS_ADMIN");
  await page.getByRole("button", { name: "Add bind mount" }).click();
  await page.getByLabel("Host path", { exact: true }).fill("/etc");
  await page.getByLabel("Path in container").last().fill("/host-etc");
  const namespaces = page.getByTestId("namespaces-card");
  await namespaces.getByText("Namespaces", { exact: true }).click();
  await page.getByLabel("PID namespace (--pid)").selectOption("host");
  // closed again by hand: the refusal has to open it
  await namespaces.getByText("Namespaces", { exact: true }).click();
  await expect(namespaces).not.toHaveAttribute("open");
  // the same check the server makes, before anything is sent
  await expect(page.getByTestId("policy-preview")).toHaveText(
    "The security policy of edge-01 will refuse Add capabilities (capabilities), PID namespace (hostNamespace), Bind mounts, row 1 (hostPath).",
  );
  await page.getByTestId("run-submit").click();
  await expect(page.getByTestId("policy-preview")).toHaveCount(0);

  const summary = page.getByTestId("policy-refusal");
  await expect(summary).toContainText("The host’s security policy refuses 3 settings.");
  await expect(summary.getByTestId("policy-refusal-item")).toHaveText([
    "Add capabilities — capabilities",
    "PID namespace — hostNamespace",
    "Bind mounts, row 1 — hostPath",
  ]);
  await expect(page.locator("#capAdd-error")).toContainText(
    "capabilities — Adding the capability SYS_ADMIN is refused",
  );
  await expect(page.locator("#pidMode-error")).toContainText(
    "hostNamespace — The host's process namespace (--pid host) is refused",
  );
  await expect(page.locator("#binds-0-source-error")).toContainText(
    "hostPath — Binding /etc from the host is refused",
  );
  await expect(page.locator("#pidMode-error")).toContainText(
    "A host admin can allow it in the host's security policy.",
  );
  await expect(namespaces).toHaveAttribute("open");
  await expect(page.getByLabel("Add capabilities")).toBeInViewport();
  await expect(page.getByLabel("Add capabilities")).toBeFocused();

  // nothing was lost from the form, and nothing was created
  await expect(page.getByLabel("Image", { exact: true })).toHaveValue(IMAGE);
  await expect(page.getByLabel("Name (optional)", { exact: true })).toHaveValue("e2e-refused");
  await expect(page.getByLabel("Add capabilities")).toHaveValue("SYS_ADMIN");
  await expect(page.getByLabel("Host path", { exact: true })).toHaveValue("/etc");
  await expect(page.getByLabel("PID namespace (--pid)")).toHaveValue("host");
  expect(
    docker(["ps", "-a", "--filter", "name=e2e-refused", "--format", "{{.Names}}"]).trim(),
  ).toBe("");
  await summary.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/run-form-policy-refusal.png`, fullPage: true });

  // a summary entry leads to its input; the link leads to the policy on the host page
  await summary.getByRole("button", { name: "Bind mounts, row 1" }).click();
  await expect(page.getByLabel("Host path", { exact: true })).toBeFocused();
  await summary.getByTestId("policy-refusal-link").click();
  await expect(page).toHaveURL(new RegExp(`/hosts/${hostId}#security-policy$`));
  await expect(page.getByTestId("policy-effective")).toBeInViewport();
});

test("a host admin runs a container with the finer options, and its page and a duplicate show them", async ({
  page,
}) => {
  await signIn(page);
  await openRunForm(page);
  await page.getByLabel("Image", { exact: true }).fill(IMAGE);
  await page.getByLabel("Name (optional)", { exact: true }).fill("e2e-opts");
  await page.getByLabel("Command (optional, shell words)").fill("sleep 600");
  await page.getByLabel("Init process (--init)").selectOption("on");
  await page.getByLabel("/dev/shm size (optional)").fill("128m");
  await page.getByRole("button", { name: "Add sysctl" }).click();
  await page.getByLabel("Sysctl name").fill("net.core.somaxconn");
  await page.getByLabel("Value of net.core.somaxconn").fill("1024");
  await page.getByText("CPU shares, reservations, swap, ulimits").click();
  await page.getByRole("button", { name: "Add ulimit" }).click();
  await page.getByLabel("Ulimit name").fill("nofile");
  await page.getByLabel("Soft limit of nofile").fill("1024");
  await page.getByLabel("Hard limit of nofile").fill("2048");
  await page.getByTestId("devices-card").getByText("Devices and GPUs", { exact: true }).click();
  await page.getByRole("button", { name: "Add device" }).click();
  await page.getByLabel("Device host path").fill("/dev/null");
  await page.getByTestId("run-submit").click();

  await expect(page.getByTestId("container-title")).toHaveText("e2e-opts");
  await expect(page.getByTestId("container-state")).toHaveText(/running/);
  const host = JSON.parse(docker(["inspect", "e2e-opts"]))[0].HostConfig;
  expect(host.Init).toBe(true);
  expect(host.ShmSize).toBe(128 * 1024 * 1024);
  expect(host.Sysctls).toEqual({ "net.core.somaxconn": "1024" });
  expect(host.Ulimits).toEqual([{ Name: "nofile", Soft: 1024, Hard: 2048 }]);
  expect(host.Devices).toEqual([
    { PathOnHost: "/dev/null", PathInContainer: "/dev/null", CgroupPermissions: "rwm" },
  ]);

  await page.getByTestId("tab-inspect").click();
  const tree = page.getByTestId("json-tree");
  await tree.getByRole("button", { name: "Expand HostConfig" }).click();
  await expect(tree).toContainText("Init: true");
  await expect(tree).toContainText(`ShmSize: ${128 * 1024 * 1024}`);
  await tree.getByRole("button", { name: "Expand Sysctls" }).click();
  await expect(tree).toContainText('net.core.somaxconn: "1024"');

  // Duplicate reads them back into the form, the sections that hold them open
  await page.getByTestId("action-duplicate").click();
  await expect(page.getByRole("heading", { name: "Duplicate container" })).toBeVisible();
  await expect(page.getByLabel("Init process (--init)")).toHaveValue("on");
  await expect(page.getByLabel("/dev/shm size (optional)")).toHaveValue("128m");
  await expect(page.getByLabel("Value of net.core.somaxconn")).toHaveValue("1024");
  await expect(page.getByLabel("Hard limit of nofile")).toHaveValue("2048");
  await expect(page.getByLabel("Device host path")).toHaveValue("/dev/null");
  await expect(page.getByTestId("devices-card")).toHaveAttribute("open");
});

test("Edit and Duplicate know the engine's defaults: a non-default cgroup namespace and a host-network hostname carry over", async ({
  page,
}) => {
  const cgroupVersion = docker(["info", "--format", "{{.CgroupVersion}}"]).trim();
  // the mode that is not this engine's default, so inspect alone cannot tell it was asked for
  const cgroupns = cgroupVersion === "2" ? "host" : "private";
  docker([
    "run",
    "-d",
    "--name",
    "e2e-engine-defaults",
    "--network",
    "host",
    "--hostname",
    "chosen-name",
    "--cgroupns",
    cgroupns,
    IMAGE,
    "sleep",
    "600",
  ]);
  await signIn(page);
  await page.goto(
    `${e2eEnv().baseUrl}/containers/new?edit=${encodeURIComponent(`${hostId}/e2e-engine-defaults`)}`,
  );
  await expect(page.getByRole("heading", { name: "Edit container" })).toBeVisible();
  await expect(page.getByLabel("Network", { exact: true })).toHaveValue("host");
  await expect(page.getByLabel("Hostname (optional)")).toHaveValue("chosen-name");
  await expect(page.getByLabel("Cgroup namespace (--cgroupns)")).toHaveValue(cgroupns);
  await expect(page.getByTestId("namespaces-card")).toHaveAttribute("open");
  await expect(page.getByLabel("Pull the image again before recreating")).not.toBeChecked();
});
