import { expect, test } from "./fixtures";
import type { AgentProcess } from "../harness/agent";
import { e2eEnv } from "./env";
import { ADMIN, docker, IMAGE, reconnectHost, releaseHost, SHOTS, signIn } from "./helpers";

// Runs after 01-first-run: the admin exists and the host edge-01 is enrolled.
test.describe.configure({ mode: "serial" });

const RULE = "e2e exits";
/** The host 01-first-run enrolled, by its name in Berth. */
const HOST = "edge-01";

let agent: AgentProcess | null = null;
/** The container the last test lets crash on edge-01. */
const CRASHER = "e2e-crasher";
const spawnCleanup = () => {
  try {
    docker(["rm", "-f", CRASHER]);
  } catch {
    // not there
  }
};
let hostId = "";

const ruleRow = (page: import("@playwright/test").Page) =>
  page.locator(`[data-testid="alert-rule-row"][data-rule="${RULE}"]`);

/** A viewer of edge-01: reads the rules, changes none. */
const VIC = {
  email: "vic.alerts@example.test",
  name: "Vic Viewer",
  password: "a viewer's password",
};

test.beforeAll(async () => {
  ({ agent, hostId } = await reconnectHost());
  const { db } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/auth/passwords");
  const user = await db.user.create({
    data: { email: VIC.email, name: VIC.name, passwordHash: await hashPassword(VIC.password) },
  });
  await db.hostAccess.create({ data: { hostId, userId: user.id, role: "VIEWER" } });
});

test.afterAll(async () => {
  spawnCleanup();
  const { db } = await import("@/lib/db");
  await db.alertRule.deleteMany({ where: { name: RULE } });
  await db.host.deleteMany({ where: { name: "e2e-quiet" } });
  await releaseHost(agent);
});

test("an admin makes a rule through the form, edits it and silences it", async ({ page }) => {
  await signIn(page);
  await page.getByTestId("nav-alerts").click();
  await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Alerts" })
    .getByRole("link", { name: "Rules" })
    .click();
  await page.getByRole("link", { name: "New rule" }).click();
  await expect(page.getByRole("heading", { name: "New alert rule" })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill(RULE);
  // a log pattern is tried against a pasted line in the browser
  await page.getByLabel("Kind").selectOption("log_pattern");
  await page.getByLabel(/^Pattern/).fill("out of (memory|disk)");
  await page.getByLabel("Test this pattern against a log line").fill("ERROR: out of disk space");
  await expect(page.getByTestId("pattern-test-result")).toHaveText("Matches: “out of disk”");
  await page.getByLabel("Ignore case").check();
  await page.getByLabel("Test this pattern against a log line").fill("OUT OF MEMORY");
  await expect(page.getByTestId("pattern-test-result")).toHaveText("Matches: “OUT OF MEMORY”");
  await page.getByLabel(/^Pattern/).fill("(unclosed");
  await expect(page.getByTestId("pattern-test-result")).toContainText(
    "That is not a valid regular expression",
  );
  await page.getByRole("checkbox", { name: HOST, exact: true }).check();
  // the server refuses it at the field
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page.locator("#rule-pattern-error")).toHaveText(
    "condition.pattern: That is not a valid regular expression.",
  );
  await page.screenshot({ path: `${SHOTS}/alert-rule-form-error.png`, fullPage: true });

  await page.getByLabel("Kind").selectOption("container_exit");
  await page.getByLabel("Exit codes to ignore").fill("143");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page).toHaveURL(/\/alerts\/rules$/);
  await expect(ruleRow(page)).toContainText("Container exits with an error (not 143)");
  await expect(ruleRow(page)).toContainText(`host ${HOST}`);
  await expect(ruleRow(page)).toContainText("Warning");

  // edit: a critical rule now
  await ruleRow(page).getByRole("link", { name: RULE }).click();
  await expect(page.getByLabel("Exit codes to ignore")).toHaveValue("143");
  await page.getByLabel("Severity").selectOption("critical");
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page).toHaveURL(/\/alerts\/rules$/);
  await expect(ruleRow(page)).toContainText("Critical");

  // silence for eight hours with a reason, then end it
  await ruleRow(page).getByRole("button", { name: "Silence…" }).click();
  const dialog = page.getByTestId("rule-silence-dialog");
  await dialog.getByLabel("8 hours").check();
  await dialog.getByLabel("Reason (optional)").fill("deploying the new release");
  await dialog.getByRole("button", { name: "Silence", exact: true }).click();
  await expect(ruleRow(page).getByTestId("rule-silenced")).toContainText(`by ${ADMIN.email}`);
  await expect(ruleRow(page).getByTestId("rule-silenced")).toContainText(
    "(deploying the new release)",
  );
  await page.screenshot({ path: `${SHOTS}/alert-rules.png`, fullPage: true });
  const { db } = await import("@/lib/db");
  const rule = await db.alertRule.findFirstOrThrow({ where: { name: RULE } });
  expect(rule.severity).toBe("critical");
  expect(rule.silencedUntil!.getTime() - Date.now()).toBeGreaterThan(7.9 * 3_600_000);
  await ruleRow(page).getByRole("button", { name: "Unsilence" }).click();
  await expect(ruleRow(page).getByTestId("rule-silenced")).toHaveText("—");
});

test("a viewer of the host reads the rule but cannot change it", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, VIC);
  await page.goto(`${e2eEnv().baseUrl}/alerts/rules`);
  await expect(ruleRow(page)).toContainText("read-only");
  await expect(ruleRow(page).getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New rule" })).toHaveCount(0);
  await ruleRow(page).getByRole("link", { name: RULE }).click();
  await expect(page.getByTestId("rule-scope")).toHaveText(`Watches host ${HOST}.`);
  await expect(page.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save rule" })).toHaveCount(0);
  await page.close();
});

test("the account page keeps which rules reach me", async ({ page }) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/account`);
  const row = page.getByTestId("alert-preferences").locator(`tr[data-rule="${RULE}"]`);
  await expect(row.getByLabel("In the app")).toBeChecked();
  await expect(row.getByLabel("Email")).toBeDisabled();
  await expect(row).toContainText("The rule has no email channel.");
  await row.getByLabel("In the app").uncheck();
  await page.getByRole("button", { name: "Save notification choices" }).click();
  await expect(page.getByText("Your notification choices are saved.")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/account-notifications.png`, fullPage: true });
  await page.reload();
  await expect(
    page
      .getByTestId("alert-preferences")
      .locator(`tr[data-rule="${RULE}"]`)
      .getByLabel("In the app"),
  ).not.toBeChecked();
});

test("the history lists what fired, firing first, with details and silencing", async ({ page }) => {
  const { db } = await import("@/lib/db");
  const rule = await db.alertRule.findFirstOrThrow({ where: { name: RULE } });
  // alerts of an enrolled host whose agent is away: the engine has no containers to settle them with
  const quiet = await db.host.create({
    data: { name: "e2e-quiet", keyHash: `e2e-quiet-${Date.now()}` },
  });
  const scope = rule.scope as { hostIds: string[] };
  await db.alertRule.update({
    where: { id: rule.id },
    data: { scope: { ...scope, hostIds: [...scope.hostIds, quiet.id] } },
  });
  const event = (data: {
    containerName: string;
    message: string;
    minutesAgo: number;
    resolved?: boolean;
  }) =>
    db.alertEvent.create({
      data: {
        ruleId: rule.id,
        ruleName: rule.name,
        kind: "container_exit",
        severity: "critical",
        subject: `container:${quiet.id}/${data.containerName}`,
        hostId: quiet.id,
        hostName: quiet.name,
        containerName: data.containerName,
        message: data.message,
        details: { exitCode: 3, image: "berth-test/busybox:1" },
        firedAt: new Date(Date.now() - data.minutesAgo * 60_000),
        ...(data.resolved
          ? {
              resolvedAt: new Date(Date.now() - (data.minutesAgo - 1) * 60_000),
              resolvedMessage: "running again",
            }
          : {}),
      },
    });
  // the older one still fires: it is listed before the newer resolved one
  const firing = await event({
    containerName: "e2e-web",
    message: "e2e-web exited with code 3 <b>not bold</b>",
    minutesAgo: 30,
  });
  await event({
    containerName: "e2e-worker",
    message: "e2e-worker exited with code 1",
    minutesAgo: 5,
    resolved: true,
  });

  await signIn(page);
  await expect(page.getByTestId("nav-alerts-count")).toHaveText("1");
  await page.getByTestId("nav-alerts").click();
  const rows = page.getByTestId("alert-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute("data-state", "firing");
  await expect(rows.nth(0)).toContainText("e2e-web exited with code 3 <b>not bold</b>");
  await expect(rows.nth(0)).toContainText("Critical");
  await expect(rows.nth(1)).toHaveAttribute("data-state", "resolved");
  await page.screenshot({ path: `${SHOTS}/alert-history.png`, fullPage: true });

  // filters live in the URL
  await page.getByLabel("State").selectOption("resolved");
  await expect(page).toHaveURL(/state=resolved/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("e2e-worker");
  await page.getByLabel("State").selectOption("all");
  await expect(page).not.toHaveURL(/state=/);
  await expect(rows).toHaveCount(2);

  await rows.first().click();
  const details = page.getByTestId("alert-details");
  await expect(page).toHaveURL(new RegExp(`event=${firing.id}`));
  await expect(details.getByTestId("alert-message")).toHaveText(
    "e2e-web exited with code 3 <b>not bold</b>",
  );
  await expect(details.getByTestId("alert-facts")).toContainText("exitCode3");
  await expect(details.getByTestId("alert-deliveries")).toHaveText("0 sent, 0 failed, 0 pending");
  await details.getByLabel("24 hours").check();
  await details.getByLabel("Reason (optional)").fill("known crash");
  await details.getByRole("button", { name: "Silence", exact: true }).click();
  await expect(details.getByTestId("alert-silenced")).toContainText(`by ${ADMIN.email}`);
  await page.screenshot({ path: `${SHOTS}/alert-details.png`, fullPage: true });
  const silenced = await db.alertEvent.findUniqueOrThrow({ where: { id: firing.id } });
  expect(silenced.silencedBy).toBe(ADMIN.email);
  await details.getByRole("button", { name: "Unsilence" }).click();
  await expect(details.getByTestId("silence-picker")).toBeVisible();
  await details.getByRole("button", { name: "Close" }).click();
  await expect(details).toHaveCount(0);

  // a notification's link opens the alert at once
  await page.goto(`${e2eEnv().baseUrl}/alerts?event=${firing.id}`);
  await expect(page.getByTestId("alert-details").getByTestId("alert-message")).toContainText(
    "e2e-web exited with code 3",
  );

  // live: a new alert shows in the open history and the badge once alerts change
  await page.getByTestId("alert-details").getByRole("button", { name: "Close" }).click();
  await event({
    containerName: "e2e-cache",
    message: "e2e-cache exited with code 9",
    minutesAgo: 1,
  });
  const silence = await page.request.post(
    `${e2eEnv().baseUrl}/api/alerts/rules/${rule.id}/silence`,
    {
      data: { minutes: 5 },
    },
  );
  expect(silence.status()).toBe(200);
  await expect(page.getByTestId("nav-alerts-count")).toHaveText("2");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("e2e-cache exited with code 9");
});

test("a container that crashes fires the rule, reaches the open tab and resolves when removed", async ({
  page,
}) => {
  const base = e2eEnv().baseUrl;
  await signIn(page);
  const { db } = await import("@/lib/db");
  const rule = await db.alertRule.findFirstOrThrow({ where: { name: RULE } });
  // the earlier tests silenced the rule and turned it off in the app for the admin
  expect((await page.request.delete(`${base}/api/alerts/rules/${rule.id}/silence`)).status()).toBe(
    200,
  );
  const prefs = await page.request.put(`${base}/api/alerts/preferences`, {
    data: { preferences: [{ ruleId: rule.id, inApp: true, email: false }] },
  });
  expect(prefs.status()).toBe(200);
  await page.getByTestId("nav-alerts").click();
  await page.getByLabel("State").selectOption("firing");
  const rows = page.getByTestId("alert-row").filter({ hasText: CRASHER });

  spawnCleanup();
  docker(["run", "-d", "--name", CRASHER, IMAGE, "sh", "-c", "sleep 1; exit 3"]);
  // the toast and the open history follow the engine's pushes, without a reload
  const toasts = page.getByTestId("alert-toast");
  const toast = toasts.filter({ hasText: `${CRASHER} exited with code 3` });
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await expect(toast).toContainText(`Firing: ${RULE}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-state", "firing");
  await page.screenshot({ path: `${SHOTS}/alert-fired-toast.png`, fullPage: true });

  docker(["rm", "-f", CRASHER]);
  await expect(toasts.filter({ hasText: `Resolved: ${RULE}` })).toBeVisible({ timeout: 30_000 });
  await expect(rows).toHaveCount(0);
  await page.getByLabel("State").selectOption("resolved");
  await expect(rows.first()).toHaveAttribute("data-state", "resolved");
  await expect(rows).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/alert-resolved.png`, fullPage: true });
});
