import { expect, test } from "./fixtures";
import { startAgent, type AgentProcess } from "../harness/agent";
import { e2eEnv } from "./env";
import { ADMIN, SHOTS, submitLogin } from "./helpers";

test.describe.configure({ mode: "serial" });

let agent: AgentProcess | null = null;
test.afterAll(async () => {
  await agent?.kill();
});

test("an anonymous visitor is sent to setup while no admin exists", async ({ page }) => {
  await page.goto(`${e2eEnv().baseUrl}/hosts`);
  await expect(page).toHaveURL(`${e2eEnv().baseUrl}/setup`);
  await page.goto(`${e2eEnv().baseUrl}/login`);
  await expect(page).toHaveURL(`${e2eEnv().baseUrl}/setup`);
});

test("a wrong setup token is refused next to the field", async ({ page }) => {
  await page.goto(`${e2eEnv().baseUrl}/setup?token=not-the-token`);
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("That setup token is not valid.")).toBeVisible();
});

test("first run: create the admin with the setup token, then sign in", async ({ page }) => {
  const env = e2eEnv();
  await page.goto(`${env.baseUrl}/setup?token=${env.setupToken}`);
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel(/^Password/).fill("short");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  // A refused form keeps what was typed.
  await expect(page.getByLabel("Your name")).toHaveValue(ADMIN.name);
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("The administrator account is ready.")).toBeVisible();

  await submitLogin(page, ADMIN.email, "wrong password!");
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await submitLogin(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/hosts$/);
  await expect(page.getByTestId("current-user")).toContainText(ADMIN.name);
  await expect(page.getByText("No hosts yet.")).toBeVisible();
});

test("add a host: the install command's token enrols the agent, which comes online", async ({
  page,
}) => {
  const env = e2eEnv();
  await submitLogin(page, ADMIN.email, ADMIN.password);
  await page.getByRole("button", { name: "Add host" }).click();
  await page.getByLabel(/Host name/).fill("<b>bad</b>");
  await page.getByRole("button", { name: "Create install command" }).click();
  await expect(page.getByText("Use letters, digits, spaces")).toBeVisible();
  await expect(page.getByLabel(/Host name/)).toHaveValue("<b>bad</b>");
  await page.getByLabel(/Host name/).fill("edge-01");
  await page.getByRole("button", { name: "Create install command" }).click();
  const command = (await page.getByTestId("install-command").textContent()) ?? "";
  expect(command).toContain(`${env.baseUrl}/api/agent/install.sh`);
  const token = command.trim().split(/\s+/).at(-1) ?? "";
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
  await page.screenshot({ path: `${SHOTS}/add-host.png` });

  agent = await startAgent({
    host: env.host,
    serverUrl: env.agentServerUrl,
    enrollToken: token,
    statePath: env.agentStatePath,
  });
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByTestId("host-row").filter({ hasText: "edge-01" });
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId("host-status")).toHaveText("online", { timeout: 1000 });
    await expect(row).toContainText(env.engineVersion, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/hosts.png` });
});

test("the host page shows the engine and a moving live chart, and goes offline with the agent", async ({
  page,
}) => {
  const env = e2eEnv();
  await submitLogin(page, ADMIN.email, ADMIN.password);
  await page.getByRole("link", { name: "edge-01" }).click();
  await expect(page.getByRole("heading", { name: "edge-01" })).toBeVisible();
  await expect(page.getByTestId("engine-info")).toContainText(env.engineVersion);
  await expect(page.getByTestId("engine-info")).toContainText(env.host.name);

  const curve = page.locator('[data-testid="live-chart"] .recharts-area-curve').first();
  await expect(curve).toBeVisible();
  const first = await curve.getAttribute("d");
  await expect.poll(async () => curve.getAttribute("d"), { timeout: 15_000 }).not.toBe(first);
  const live = page.getByTestId("live-values");
  await expect(live.locator("dt")).toHaveText(["CPU", "Memory", "Disk", "Network rx / tx", "Load"]);
  const bytes = String.raw`\d+(\.\d)? (B|KiB|MiB|GiB|TiB)`;
  await expect(live.locator("dd")).toHaveText([
    /^\d+\.\d %$/,
    new RegExp(`^${bytes} / ${bytes}$`),
    new RegExp(`^${bytes} / ${bytes}$`),
    new RegExp(`^${bytes}/s / ${bytes}/s$`),
    /^\d+\.\d\d \d+\.\d\d \d+\.\d\d$/,
  ]);
  await expect(
    page.getByTestId("history-chart").locator(".recharts-area-curve").first(),
  ).toBeVisible({
    timeout: 45_000,
  });
  await page.screenshot({ path: `${SHOTS}/host-page.png`, fullPage: true });
  // Network, load and disk have their own charts, live and in history. A flat series has no
  // height, so the test looks for a drawn path rather than a visible box.
  for (const view of ["network", "load", "disk"]) {
    await page.getByTestId(`metric-${view}`).first().click();
    await expect(
      page.locator('[data-testid="live-chart"] .recharts-area-curve').first(),
    ).toHaveAttribute("d", /^M/);
  }
  await page.getByTestId("metric-network").last().click();
  await expect(
    page.getByTestId("history-chart").locator(".recharts-area-curve").first(),
  ).toHaveAttribute("d", /^M/);

  await agent?.kill("SIGKILL");
  agent = null;
  await expect(page.getByTestId("host-status")).toHaveText("offline", { timeout: 30_000 });
});

test("signing out ends the session", async ({ page }) => {
  await submitLogin(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/hosts$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`${e2eEnv().baseUrl}/hosts`);
  await expect(page).toHaveURL(/\/login/);
});
