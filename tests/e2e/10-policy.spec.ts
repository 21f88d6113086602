import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { AgentProcess } from "../harness/agent";
import { e2eEnv } from "./env";
import { ADMIN, docker, IMAGE, releaseHost, reconnectHost, SHOTS, signIn } from "./helpers";

// Runs after 01-first-run: the admin exists and the host edge-01 is enrolled.
const DEE = { name: "Dee Deployer", email: "dee@example.test", password: "deploys with care" };
const CONTAINERS = ["e2e-sec-plain", "e2e-sec-risky", "e2e-sec-pid", "e2e-sec-late"];

test.describe.configure({ mode: "serial" });

let agent: AgentProcess | null = null;
let hostId = "";
let groupId = "";

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test.beforeAll(async () => {
  ({ agent, hostId } = await reconnectHost());
  const { db } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/auth/passwords");
  const user = await db.user.create({
    data: { email: DEE.email, name: DEE.name, passwordHash: await hashPassword(DEE.password) },
  });
  await db.hostAccess.create({ data: { hostId, userId: user.id, role: "DEPLOYER" } });
  groupId = (
    await db.hostGroup.create({ data: { name: "policy-e2e", hosts: { create: { hostId } } } })
  ).id;
  docker([
    "run",
    "-d",
    "--name",
    "e2e-sec-plain",
    "--read-only",
    "--memory",
    "64m",
    "--cpus",
    "0.5",
    "--pids-limit",
    "50",
    "--user",
    "1000",
    IMAGE,
    "sleep",
    "600",
  ]);
  docker([
    "run",
    "-d",
    "--name",
    "e2e-sec-risky",
    "--cap-add",
    "SYS_ADMIN",
    "-v",
    "/etc:/host-etc",
    IMAGE,
    "sleep",
    "600",
  ]);
  docker(["run", "-d", "--name", "e2e-sec-pid", "--pid", "host", IMAGE, "sleep", "600"]);
});

test.afterAll(async () => {
  for (const name of CONTAINERS) docker(["rm", "-f", name]);
  const { db } = await import("@/lib/db");
  await db.securityPolicy.deleteMany({});
  await db.hostGroup.deleteMany({ where: { id: groupId } });
  await db.user.deleteMany({ where: { email: DEE.email } });
  await releaseHost(agent);
});

test("a host admin reads the strict default on the host page, then allows a bind directory and the host network", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto(`${e2eEnv().baseUrl}/hosts/${hostId}`);
  const panel = page.getByTestId("host-policy");
  await expect(
    panel.getByText("Effective for deployers and operators (strict default)"),
  ).toBeVisible();
  await expect(panel.getByTestId("policy-effective")).toContainText(
    "Nothing beyond an ordinary container",
  );
  await expect(panel.getByTestId("policy-sources")).toContainText("policy-e2e: no policy");

  await panel.getByLabel("Host network (--network host)").check();
  await panel.getByLabel("Directories bind mounts may use").fill("/srv/data\n/srv/cache");
  await panel.getByLabel("Capabilities containers may add").fill("NET_ADMIN");
  await panel.getByRole("button", { name: "Save policy" }).click();
  await expect(panel.getByTestId("policy-saved")).toHaveText("Policy saved.");
  const effective = panel.getByTestId("policy-effective");
  await expect(effective).toContainText("Bind mounts under /srv/data, /srv/cache");
  await expect(effective).toContainText("Sharing the host's network");
  await expect(effective).toContainText("Added capabilities: NET_ADMIN");
  await expect(panel.getByTestId("policy-sources")).toContainText("This host: its own policy");
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/policy-host-admin.png`, fullPage: true });

  // A bad path is refused with the server's words, and nothing changes.
  await panel.getByLabel("Directories bind mounts may use").fill("srv/relative");
  await panel.getByRole("button", { name: "Save policy" }).click();
  await expect(panel.getByTestId("error")).toContainText("Use an absolute path on the host.");
  await page.reload();
  await expect(page.getByTestId("policy-effective")).toContainText("/srv/data, /srv/cache");

  const { db } = await import("@/lib/db");
  const rows = await db.auditEvent.findMany({ where: { action: "policy.update", hostId } });
  expect(rows.map((r) => r.outcome)).toEqual(["SUCCESS"]);
});

test("a group's policy narrows the host's, and the host page says which policies apply", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto(`${e2eEnv().baseUrl}/admin/groups`);
  await page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "policy-e2e" }) })
    .getByRole("link", { name: "Policy" })
    .click();
  await expect(
    page.getByRole("heading", { name: "Security policy of host group policy-e2e" }),
  ).toBeVisible();
  await page.getByLabel("Directories bind mounts may use").fill("/srv");
  await page.getByLabel("Host network (--network host)").check();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByTestId("policy-saved")).toHaveText("Policy saved.");
  await page.screenshot({ path: `${SHOTS}/policy-group.png`, fullPage: true });

  await page.getByRole("link", { name: "edge-01" }).click();
  const panel = page.getByTestId("host-policy");
  await expect(panel.getByTestId("policy-sources")).toContainText("policy-e2e: has a policy");
  // the group allows no capabilities: the host's NET_ADMIN no longer applies
  const effective = panel.getByTestId("policy-effective");
  await expect(effective).toContainText("Bind mounts under /srv/cache, /srv/data");
  await expect(effective).not.toContainText("NET_ADMIN");
});

test("a deployer sees the policy read-only, and the server refuses what it does not allow, field by field", async ({
  browser,
}) => {
  const page = await freshPage(browser);
  await signIn(page, DEE);
  await page.goto(`${e2eEnv().baseUrl}/hosts/${hostId}`);
  const panel = page.getByTestId("host-policy");
  await expect(panel.getByTestId("policy-readonly")).toHaveText(
    "Only host admins of this host can change its policy.",
  );
  await expect(panel.getByLabel("Host network (--network host)")).toBeDisabled();
  await expect(panel.getByLabel("Directories bind mounts may use")).toBeDisabled();
  await expect(panel.getByRole("button", { name: "Save policy" })).toHaveCount(0);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/policy-deployer-readonly.png`, fullPage: true });

  // What the run form gets back: every refused setting next to its field, the first one on top.
  const res = await page.request.post(`${e2eEnv().baseUrl}/api/hosts/${hostId}/containers`, {
    headers: { origin: e2eEnv().baseUrl },
    data: {
      spec: {
        image: IMAGE,
        name: "e2e-sec-refused",
        privileged: true,
        binds: [{ source: "/etc", target: "/e" }],
      },
    },
  });
  expect(res.status()).toBe(403);
  const { error } = (await res.json()) as {
    error: {
      field: string;
      message: string;
      violations: Array<{ rule: string; field: string; message: string }>;
    };
  };
  expect(error.field).toBe("privileged");
  expect(error.violations.map((v) => [v.rule, v.field])).toEqual([
    ["privileged", "privileged"],
    ["hostPath", "binds.0.source"],
  ]);
  expect(error.violations[1]!.message).toContain("binds must be under /srv/cache, /srv/data");
  expect(
    docker(["ps", "-a", "--filter", "name=e2e-sec-refused", "--format", "{{.Names}}"]).trim(),
  ).toBe("");
  await page.context().close();
});

test("the fleet security page lists every container riskiest first and sorts by any column", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Security", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Container security" })).toBeVisible();
  const rows = page.getByTestId("security-row");
  await expect(rows.filter({ hasText: "e2e-sec-risky" })).toHaveCount(1);
  const names = async () =>
    (await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-name")))).filter((n) =>
      n?.startsWith("e2e-sec-"),
    );
  // the root bind and SYS_ADMIN outrank the host PID namespace; the locked-down one comes last
  await expect.poll(names).toEqual(["e2e-sec-risky", "e2e-sec-pid", "e2e-sec-plain"]);
  const risky = rows.filter({ hasText: "e2e-sec-risky" });
  await expect(risky.locator('[data-category="capabilities"] [data-level="danger"]')).toBeVisible();
  await expect(risky.locator('[data-category="mounts"] [data-level="danger"]')).toBeVisible();
  const plain = rows.filter({ hasText: "e2e-sec-plain" });
  for (const category of [
    "privileged",
    "root",
    "capabilities",
    "namespaces",
    "mounts",
    "limits",
    "writableRoot",
  ]) {
    await expect(plain.locator(`[data-category="${category}"] [data-level]`)).toHaveCount(0);
  }
  await expect(
    rows
      .filter({ hasText: "e2e-sec-pid" })
      .locator('[data-category="namespaces"] [data-level="danger"]'),
  ).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/security-fleet.png`, fullPage: true });

  // live: a container started on the host shows up with its findings without a reload
  docker(["run", "-d", "--name", "e2e-sec-late", "--cap-add", "NET_ADMIN", IMAGE, "sleep", "600"]);
  const late = rows.filter({ hasText: "e2e-sec-late" });
  await expect(late.locator('[data-category="capabilities"] [data-level="danger"]')).toBeVisible();

  await page.getByRole("button", { name: "Container" }).click();
  await expect
    .poll(names)
    .toEqual(["e2e-sec-late", "e2e-sec-pid", "e2e-sec-plain", "e2e-sec-risky"]);
  await page.getByLabel("Filter containers").fill("risky");
  await expect(rows).toHaveCount(1);
});
