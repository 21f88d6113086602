import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { AgentProcess } from "../harness/agent";
import { e2eEnv } from "./env";
import { ADMIN, docker, IMAGE, releaseHost, reconnectHost, SHOTS, signIn } from "./helpers";

// Runs after 01-first-run: the admin exists and the host edge-01 is enrolled.
const VIC = { name: "Vic Viewer", email: "vic@example.test", password: "watching quietly" };
const TEAM = "observers";
const CONTAINER = "e2e-access";

test.describe.configure({ mode: "serial" });

let agent: AgentProcess | null = null;
let hostId = "";
let otherHostId = "";
let inviteUrl = "";

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test.beforeAll(async () => {
  ({ agent, hostId } = await reconnectHost());
  const { db } = await import("@/lib/db");
  // A second host the viewer must never learn about (registered, its agent not installed yet).
  otherHostId = (await db.host.create({ data: { name: "core-02" } })).id;
  docker(["run", "-d", "--name", CONTAINER, IMAGE, "sleep", "600"]);
});

test.afterAll(async () => {
  docker(["rm", "-f", CONTAINER]);
  const { db } = await import("@/lib/db");
  await db.host.deleteMany({ where: { id: otherHostId } });
  await releaseHost(agent);
});

test("the admin creates a team and invites a user, who accepts the link once", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Admin", exact: true }).click();
  await expect(page.getByTestId("user-row").first()).toBeVisible();
  await page.getByRole("link", { name: "Teams" }).click();
  await page.getByLabel("New team name").fill(TEAM);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByTestId("team-card").first()).toContainText("No members.");
  await expect(page.getByRole("heading", { name: TEAM })).toBeVisible();

  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: "Invite by link" }).click();
  const dialog = page.getByTestId("invite-dialog");
  await dialog.getByLabel("Email").fill(VIC.email);
  await dialog.getByRole("button", { name: "Create invitation link" }).click();
  await expect(dialog.getByText("Berth does not send email")).toBeVisible();
  inviteUrl = ((await dialog.getByTestId("link-url").textContent()) ?? "").trim();
  expect(new URL(inviteUrl).pathname).toBe("/invite");
  await page.screenshot({ path: `${SHOTS}/access-invite.png` });
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("invite-row").filter({ hasText: VIC.email })).toContainText(
    "open until",
  );

  const guest = await freshPage(browser);
  await guest.goto(inviteUrl);
  await guest.getByLabel("Email (the address you were invited at)").fill("someone@example.test");
  await guest.getByLabel("Your name").fill(VIC.name);
  await guest.getByLabel(/^Password/).fill(VIC.password);
  await guest.getByRole("button", { name: "Create my account" }).click();
  await expect(guest.getByText("issued for a different email address")).toBeVisible();
  await guest.getByLabel("Email (the address you were invited at)").fill(VIC.email);
  await guest.getByRole("button", { name: "Create my account" }).click();
  await expect(guest.getByText("Your account is ready.")).toBeVisible();

  // The same link a second time: refused, in words.
  await guest.goto("about:blank");
  await guest.goto(inviteUrl);
  await guest.getByLabel("Email (the address you were invited at)").fill(VIC.email);
  await guest.getByLabel("Your name").fill(VIC.name);
  await guest.getByLabel(/^Password/).fill(VIC.password);
  await guest.getByRole("button", { name: "Create my account" }).click();
  await expect(guest.getByText("This invitation link was already used.")).toBeVisible();
  await guest.screenshot({ path: `${SHOTS}/access-invite-reused.png` });
  await guest.context().close();
});

test("the admin puts the user in the team and grants the team VIEWER on one host", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto(`${e2eEnv().baseUrl}/admin/teams`);
  await page
    .getByLabel(`Add a member to ${TEAM}`)
    .selectOption({ label: `${VIC.name} (${VIC.email})` });
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByTestId("team-member")).toContainText(VIC.email);
  await page.screenshot({ path: `${SHOTS}/access-teams.png` });

  await page.goto(`${e2eEnv().baseUrl}/hosts/${hostId}`);
  await page.getByRole("link", { name: "Access", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Access to edge-01" })).toBeVisible();
  await page.getByLabel("Team or user").selectOption({ label: TEAM });
  await page.getByLabel("Role").selectOption("VIEWER");
  await page.getByRole("button", { name: "Grant" }).click();
  const row = page.getByTestId("grant-row").filter({ hasText: TEAM });
  await expect(row).toContainText("VIEWER");
  await page.screenshot({ path: `${SHOTS}/access-host-grants.png`, fullPage: true });

  // Hosts tagged into a group: a role on the group would reach core-02, none is granted yet.
  await page.goto(`${e2eEnv().baseUrl}/admin/groups`);
  await page.getByLabel("New host group name").fill("backend");
  await page.getByRole("button", { name: "Create group" }).click();
  const card = page.getByTestId("group-card");
  await expect(card).toContainText("No hosts in this group yet.");
  await page.getByRole("button", { name: "Edit" }).click();
  await card.getByLabel("core-02").check();
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card).toContainText("core-02");
  await expect(card).not.toContainText("No hosts in this group yet.");
  await page.screenshot({ path: `${SHOTS}/access-groups.png` });

  // A group's own access page: grant and revoke again, so the viewer stays on edge-01 alone.
  await page.getByRole("link", { name: "Access", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Access to host group backend" })).toBeVisible();
  await page.getByLabel("Team or user").selectOption({ label: TEAM });
  await page.getByLabel("Role").selectOption("OPERATOR");
  await page.getByRole("button", { name: "Grant" }).click();
  const groupGrant = page.getByTestId("grant-row").filter({ hasText: TEAM });
  await expect(groupGrant).toContainText("OPERATOR");
  await groupGrant.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("grant-row")).toHaveCount(0);
  await expect(page.getByText("Nobody but administrators has access yet.")).toBeVisible();
});

test("the viewer sees only that host, with no exec or lifecycle controls; the server agrees", async ({
  page,
}) => {
  await signIn(page, VIC);
  const rows = page.getByTestId("host-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("edge-01");
  await expect(page.getByText("core-02")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add host" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/access-viewer-hosts.png` });

  await page.goto(`${e2eEnv().baseUrl}/hosts/${hostId}/containers/${CONTAINER}`);
  await expect(page.getByTestId("container-title")).toHaveText(CONTAINER);
  await expect(page.getByTestId("tab-logs")).toBeVisible();
  await expect(page.getByTestId("tab-terminal")).toHaveCount(0);
  for (const action of ["start", "stop", "restart", "pause", "kill", "remove", "rename"]) {
    await expect(page.getByTestId(`action-${action}`)).toHaveCount(0);
  }
  await expect(page.getByRole("link", { name: "Access", exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/access-viewer-container.png`, fullPage: true });

  const stop = await page.request.post(
    `${e2eEnv().baseUrl}/api/hosts/${hostId}/containers/${CONTAINER}/stop`,
    { data: {} },
  );
  expect(stop.status()).toBe(403);
  expect(JSON.parse(docker(["inspect", CONTAINER]))[0].State.Running).toBe(true);
  const grant = await page.request.post(`${e2eEnv().baseUrl}/api/hosts/${hostId}/access`, {
    data: { teamId: "anything", role: "VIEWER" },
  });
  expect(grant.status()).toBe(403);
  expect((await page.request.get(`${e2eEnv().baseUrl}/api/hosts/${otherHostId}`)).status()).toBe(
    404,
  );
  await page.goto(`${e2eEnv().baseUrl}/hosts/${otherHostId}`);
  await expect(page.getByRole("heading", { name: "core-02" })).toHaveCount(0);
  await page.goto(`${e2eEnv().baseUrl}/admin/audit`);
  await expect(page.getByTestId("audit-row")).toHaveCount(0);
});

test("a user changes their own password, which needs the current one", async ({ page }) => {
  await signIn(page, VIC);
  await page.getByTestId("current-user").click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel(/^New password/).fill("a fresh passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(VIC.password);
  await page.getByLabel(/^New password/).fill("a fresh passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed.")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/access-own-password.png` });
  VIC.password = "a fresh passphrase";
  await page.context().clearCookies();
  await signIn(page, VIC);
});

test("the audit page shows who did it, filters, and exports CSV", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto(`${e2eEnv().baseUrl}/admin/audit`);
  await page.getByLabel(/^Action/).fill("access.");
  await page.getByRole("button", { name: "Filter" }).click();
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  const texts = await rows.allTextContents();
  expect(texts.every((t) => t.includes("access."))).toBe(true);
  expect(texts.some((t) => t.includes("access.grant") && t.includes(ADMIN.email))).toBe(true);
  // The viewer's refused attempt is on record too.
  expect(texts.some((t) => t.includes(VIC.email) && t.includes("denied"))).toBe(true);
  await page.screenshot({ path: `${SHOTS}/access-audit.png`, fullPage: true });

  const href = await page.getByTestId("audit-export").getAttribute("href");
  expect(href).toContain("action=access.");
  const csv = await (await page.request.get(`${e2eEnv().baseUrl}${href}`)).text();
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toMatch(/^id,time,actor,/);
  expect(lines.slice(1).every((l) => l.includes(",access."))).toBe(true);
  expect(lines.length).toBe(texts.length + 1);
});
