import { expect, test } from "./fixtures";
import type { AgentProcess } from "../harness/agent";
import { httpGet } from "../harness/http-get";
import { e2eEnv } from "./env";
import { docker, IMAGE, releaseHost, reconnectHost, SHOTS, signIn } from "./helpers";

// Runs after 01-first-run: the admin exists and the host is enrolled (its agent was stopped).
const VIEWER = { email: "vera@example.test", password: "only looking here" };

test.describe.configure({ mode: "serial" });

let agent: AgentProcess | null = null;
let hostId = "";

test.beforeAll(async () => {
  ({ agent, hostId } = await reconnectHost());
  const { db } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/auth/passwords");
  await db.user.create({
    data: {
      email: VIEWER.email,
      name: "Vera Viewer",
      passwordHash: await hashPassword(VIEWER.password),
      hostAccess: { create: { hostId, role: "VIEWER" } },
    },
  });
});

test.afterAll(() => releaseHost(agent));

test("run a container with a published port from the form, and reach it", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Containers" }).click();
  await expect(page.getByRole("heading", { name: "Containers" })).toBeVisible();
  await page.goto(`${e2eEnv().baseUrl}/containers/new?host=${hostId}`);
  await page.getByLabel("Image", { exact: true }).fill(IMAGE);
  await page.getByLabel("Name (optional)", { exact: true }).fill("e2e-web");
  await page.getByLabel("Command (optional, shell words)").fill("httpd -f -p 80 -h /etc");
  await page.getByRole("button", { name: "Add port" }).click();
  await page.locator("#ports-0-hostPort").fill("18081");
  await page.locator("#ports-0-containerPort").fill("80");
  await page.screenshot({ path: `${SHOTS}/run-form.png`, fullPage: true });
  await page.getByTestId("run-submit").click();

  await expect(page.getByTestId("container-title")).toHaveText("e2e-web");
  await expect(page.getByTestId("container-state")).toHaveText(/running/);
  const hostname = JSON.parse(docker(["inspect", "e2e-web"]))[0].Config.Hostname as string;
  expect((await httpGet(`http://${e2eEnv().host.ip}:18081/hostname`)).trim()).toBe(hostname);
  await page.screenshot({ path: `${SHOTS}/container-details.png`, fullPage: true });
});

test("paste a docker run line: the form fills itself and names what it could not carry", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/containers/new?host=${hostId}`);
  await page
    .getByLabel("docker run …")
    .fill(
      `docker run -d --name pasted -p 18082:80 -e MODE=prod --restart unless-stopped --frobnicate ${IMAGE} httpd -f -p 80 -h /etc`,
    );
  await page.getByTestId("docker-run-apply").click();
  await expect(page.getByTestId("docker-run-unknown")).toContainText("--frobnicate");
  await expect(page.getByLabel("Name (optional)", { exact: true })).toHaveValue("pasted");
  await expect(page.getByLabel("Image", { exact: true })).toHaveValue(IMAGE);
  await expect(page.locator("#ports-0-hostPort")).toHaveValue("18082");
  await page.getByTestId("run-submit").click();
  await expect(page.getByTestId("container-title")).toHaveText("pasted");
  const info = JSON.parse(docker(["inspect", "pasted"]))[0];
  expect(info.HostConfig.RestartPolicy.Name).toBe("unless-stopped");
  expect(info.Config.Env).toContain("MODE=prod");
});

test("a port already in use is reported next to the ports, and nothing is left behind", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/containers/new?host=${hostId}`);
  await page
    .getByLabel("docker run …")
    .fill(`docker run -d --name clash -p 18081:80 ${IMAGE} sleep 60`);
  await page.getByTestId("docker-run-apply").click();
  await page.getByTestId("run-submit").click();
  await expect(
    page.getByText(/port is already allocated|address already in use/).first(),
  ).toBeVisible();
  expect(docker(["ps", "-a", "--filter", "name=clash", "--format", "{{.Names}}"]).trim()).toBe("");
});

test("the list updates live, and a container is stopped and removed from its page", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/containers`);
  await expect(page.getByTestId("container-row").filter({ hasText: "e2e-web" })).toBeVisible();
  docker(["run", "-d", "--name", "from-terminal", IMAGE, "sleep", "600"]);
  await expect(page.getByTestId("container-row").filter({ hasText: "from-terminal" })).toBeVisible({
    timeout: 5000,
  });
  await page.screenshot({ path: `${SHOTS}/containers.png` });

  await page
    .getByTestId("container-row")
    .filter({ hasText: "pasted" })
    .getByRole("link", { name: "pasted" })
    .click();
  await expect(page.getByTestId("container-title")).toHaveText("pasted");
  await page.getByTestId("action-stop").click();
  await page.getByLabel(/Seconds to wait/).fill("1");
  await page.getByTestId("stop-confirm").click();
  await expect(page.getByTestId("container-state")).toHaveText(/exited/, { timeout: 20_000 });
  await page.getByTestId("action-remove").click();
  await page.getByTestId("remove-confirm").click();
  await expect(page).toHaveURL(/\/containers(\?|$)/);
  await expect(page.getByTestId("container-row").filter({ hasText: "pasted" })).toHaveCount(0);
  expect(docker(["ps", "-a", "--filter", "name=pasted", "--format", "{{.Names}}"]).trim()).toBe("");
});

test("a viewer sees no lifecycle controls and the server refuses them anyway", async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto(`${e2eEnv().baseUrl}/containers`);
  const row = page.getByTestId("container-row").filter({ hasText: "e2e-web" });
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: "e2e-web" }).click();
  await expect(page.getByTestId("container-title")).toHaveText("e2e-web");
  await expect(page.getByTestId("container-state")).toHaveText(/running/);
  await expect(page.getByTestId("action-stop")).toHaveCount(0);
  await expect(page.getByTestId("action-remove")).toHaveCount(0);
  await expect(page.getByText("Run container")).toHaveCount(0);

  const refused = await page.request.post(
    `${e2eEnv().baseUrl}/api/hosts/${hostId}/containers/e2e-web/stop`,
    {
      data: {},
    },
  );
  expect(refused.status()).toBe(403);
  const created = await page.request.post(`${e2eEnv().baseUrl}/api/hosts/${hostId}/containers`, {
    data: { spec: { image: IMAGE } },
  });
  expect(created.status()).toBe(403);
  expect(JSON.parse(docker(["inspect", "e2e-web"]))[0].State.Running).toBe(true);
});
