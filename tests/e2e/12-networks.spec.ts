import { expect, test } from "./fixtures";
import type { AgentProcess } from "../harness/agent";
import { e2eEnv } from "./env";
import { docker, IMAGE, releaseHost, reconnectHost, SHOTS, signIn } from "./helpers";

// Runs after 01-first-run: the admin exists and the host edge-01 is enrolled.
test.describe.configure({ mode: "serial" });

const CONTAINERS = ["e2e-net-web", "e2e-net-cli"];
const NETWORKS = ["e2e-app", "e2e-cli", "e2e-lan"];

let agent: AgentProcess | null = null;
let hostId = "";

test.beforeAll(async () => {
  ({ agent, hostId } = await reconnectHost());
  docker(["run", "-d", "--name", "e2e-net-web", IMAGE, "sleep", "3600"]);
});

test.afterAll(async () => {
  for (const name of CONTAINERS) {
    try {
      docker(["rm", "-f", name]);
    } catch {
      // never made: a test before it failed
    }
  }
  for (const name of NETWORKS) {
    try {
      docker(["network", "rm", name]);
    } catch {
      // removed by the test, or never made
    }
  }
  await releaseHost(agent);
});

test("create a network, attach a running container, and watch the list follow the engine", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("link", { name: "Networks" }).click();
  await expect(page.getByRole("heading", { name: "Networks" })).toBeVisible();
  // the engine's own networks are listed, marked and cannot be removed
  const bridge = page.locator('[data-testid="network-row"][data-network="bridge"]');
  await expect(bridge).toContainText("built-in");
  await expect(bridge.getByRole("button", { name: "Remove" })).toHaveCount(0);

  await page.getByRole("link", { name: "Create network" }).click();
  await expect(page.getByRole("heading", { name: "Create a network" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("e2e-app");
  await page.getByLabel("Subnet 1").fill("10.80.0.0/24");
  await page.getByLabel("Gateway 1").fill("10.80.0.1");
  await page.getByLabel("Labels", { exact: true }).fill("team=e2e");
  await page.getByTestId("network-submit").click();

  await expect(page.getByTestId("network-name")).toHaveText("e2e-app");
  await expect(page.getByTestId("network-ipam")).toContainText("10.80.0.0/24");
  await expect(page.getByTestId("network-labels")).toContainText("e2e");

  const connect = page.getByTestId("connect-form");
  await connect.getByLabel("Container").selectOption({ label: "e2e-net-web (running)" });
  await connect.getByLabel("Aliases (comma separated)").fill("api, api.internal");
  await connect.getByLabel("Static IPv4 (optional)").fill("10.80.0.10");
  await connect.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Connected e2e-net-web to e2e-app.");
  const web = page.locator('[data-testid="network-container"][data-container="e2e-net-web"]');
  await expect(web).toContainText("10.80.0.10/24");
  await expect(web).toContainText("api.internal");
  await page.screenshot({ path: `${SHOTS}/network-detail.png`, fullPage: true });
  // the engine agrees: the container is on the network with that address
  expect(
    docker([
      "inspect",
      "e2e-net-web",
      "--format",
      '{{(index .NetworkSettings.Networks "e2e-app").IPAddress}}',
    ]).trim(),
  ).toBe("10.80.0.10");

  // the list follows the engine: a network made and a container attached with the docker CLI
  await page.getByRole("link", { name: "Networks" }).click();
  const app = page.locator('[data-testid="network-row"][data-network="e2e-app"]');
  await expect(app.getByTestId("network-containers")).toHaveText("e2e-net-web");
  docker(["network", "create", "--internal", "--subnet", "10.81.0.0/24", "e2e-cli"]);
  const cli = page.locator('[data-testid="network-row"][data-network="e2e-cli"]');
  await expect(cli).toContainText("10.81.0.0/24");
  await expect(cli).toContainText("internal");
  docker(["run", "-d", "--name", "e2e-net-cli", "--network", "e2e-app", IMAGE, "sleep", "3600"]);
  await expect(app.getByTestId("network-containers")).toHaveText("e2e-net-cli, e2e-net-web");
  await page.screenshot({ path: `${SHOTS}/network-list.png`, fullPage: true });

  // filters: by driver and by name
  await page.getByLabel("Search networks").fill("e2e-");
  await expect(page.getByTestId("network-row")).toHaveCount(2);
  await page.getByLabel("Driver", { exact: true }).selectOption("host");
  await expect(page.getByTestId("network-table")).toContainText("No networks match.");
});

test("bad input is shown next to its field, and nothing is made", async ({ page }) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/networks/new`);
  await page.getByLabel("Name", { exact: true }).fill("e2e-bad");
  // checked in the browser before anything is sent
  await page.getByLabel("Subnet 1").fill("10.82.0.0/24");
  await page.getByLabel("Gateway 1").fill("10.83.0.1");
  await page.getByTestId("network-submit").click();
  await expect(page.locator("#ipam-0-gateway-error")).toHaveText(
    "The gateway 10.83.0.1 is not in 10.82.0.0/24.",
  );
  // refused by the host: the subnet of an existing network
  await page.getByLabel("Gateway 1").fill("");
  await page.getByLabel("Subnet 1").fill("10.80.0.0/25");
  await page.getByTestId("network-submit").click();
  await expect(page.locator("#ipam-0-subnet-error")).toHaveText(
    "10.80.0.0/25 overlaps 10.80.0.0/24, the subnet of the network e2e-app.",
  );
  await page.getByLabel("Subnet 1").fill("10.82.0.0/24");
  await page.getByLabel("Name", { exact: true }).fill("e2e-app");
  await page.getByTestId("network-submit").click();
  await expect(page.locator("#name-error")).toHaveText(
    "A network named e2e-app already exists on this host.",
  );

  // macvlan: the parent is picked from the interfaces the host's agent reports
  await page.getByLabel("Name", { exact: true }).fill("e2e-lan");
  await page.getByLabel("Driver", { exact: true }).selectOption("macvlan");
  const parent = page.getByLabel("Parent interface");
  await expect(parent.locator("option", { hasText: /^eth0 · / })).toHaveCount(1);
  await expect(parent.locator("option", { hasText: e2eEnv().host.ip })).toHaveCount(1);
  await parent.selectOption({ label: "Another name (a VLAN such as eth0.10)…" });
  await page.getByLabel("Parent interface").fill("eth9");
  await page.getByTestId("network-submit").click();
  await expect(page.locator("#parent-error")).toContainText(
    "This host has no network interface eth9",
  );
  await page.screenshot({ path: `${SHOTS}/network-create-errors.png`, fullPage: true });
  expect(docker(["network", "ls", "--format", "{{.Name}}"]).split("\n")).not.toContain("e2e-lan");

  await page.getByRole("button", { name: "Pick from the host's interfaces" }).click();
  await page.getByLabel("Parent interface").selectOption({ index: 1 });
  await page.getByLabel("Subnet 1").fill("10.84.0.0/24");
  await page.getByTestId("network-submit").click();
  await expect(page.getByTestId("network-name")).toHaveText("e2e-lan");
  await expect(page.getByText("macvlan network on edge-01")).toBeVisible();
});

test("the run form offers the host's networks", async ({ page }) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/containers/new?host=${hostId}`);
  await page.getByRole("button", { name: "Add network" }).click();
  const picker = page.locator("#networks-0-name");
  await expect(picker.locator("option", { hasText: "e2e-app (bridge, 10.80.0.0/24)" })).toHaveCount(
    1,
  );
  // host and none are the Network mode above, not networks to join
  await expect(picker.locator("option", { hasText: /^host / })).toHaveCount(0);
  await picker.selectOption({ label: "e2e-app (bridge, 10.80.0.0/24)" });
  await page.locator("#networks-0-name").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/run-form-network-picker.png` });
});

test("removing is refused while containers are attached; disconnect, remove and prune", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("link", { name: "Networks" }).click();
  await page
    .locator('[data-testid="network-row"][data-network="e2e-app"]')
    .getByRole("link")
    .click();
  await expect(page.getByTestId("network-name")).toHaveText("e2e-app");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Remove network" }).click();
  await expect(page.getByTestId("error")).toHaveText(
    "e2e-app is still in use: e2e-net-cli and e2e-net-web are connected to it. Disconnect or remove those containers first.",
  );
  for (const name of ["e2e-net-cli", "e2e-net-web"]) {
    await page
      .locator(`[data-testid="network-container"][data-container="${name}"]`)
      .getByRole("button", { name: "Disconnect" })
      .click();
    await expect(page.getByTestId("notice")).toHaveText(`Disconnected ${name} from e2e-app.`);
  }
  await expect(page.getByText("No container is connected.")).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Remove network" }).click();
  await expect(page.getByRole("heading", { name: "Networks" })).toBeVisible();
  await expect(page.locator('[data-testid="network-row"][data-network="e2e-app"]')).toHaveCount(0);

  await page.getByRole("button", { name: "Prune" }).click();
  const dialog = page.getByTestId("prune-dialog");
  await dialog.getByRole("button", { name: "Prune", exact: true }).click();
  await expect(dialog.getByTestId("prune-result")).toContainText("e2e-cli");
  await expect(dialog.getByTestId("prune-result")).toContainText("e2e-lan");
  await page.screenshot({ path: `${SHOTS}/network-prune.png`, fullPage: true });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.locator('[data-testid="network-row"][data-network="e2e-cli"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="network-row"][data-network="bridge"]')).toHaveCount(1);
});

test("the host's security policy has a switch for LAN networks", async ({ page }) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/hosts/${hostId}#security-policy`);
  const flag = page.getByLabel(/Creating macvlan and ipvlan networks/);
  await expect(flag).not.toBeChecked();
  await flag.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/policy-lan-networks.png` });
});
