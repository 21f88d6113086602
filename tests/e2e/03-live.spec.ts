import { expect, test } from "./fixtures";
import type { AgentProcess } from "../harness/agent";
import { e2eEnv } from "./env";
import { docker, IMAGE, releaseHost, reconnectHost, SHOTS, signIn } from "./helpers";

// Runs after 01 and 02: the admin exists and the host is enrolled.
const HOSTILE = "<img src=x onerror=alert(1)>";

test.describe.configure({ mode: "serial" });

let agent: AgentProcess | null = null;
let hostId = "";

test.beforeAll(async () => {
  ({ agent, hostId } = await reconnectHost());
  docker([
    "run",
    "-d",
    "--name",
    "painter",
    IMAGE,
    "sh",
    "-c",
    `i=0; while :; do i=$((i+1)); printf '\\033[32mgreen %s\\033[0m ${HOSTILE}\\n' $i; echo "oops $i" >&2; sleep 0.3; done`,
  ]);
});

test.afterAll(() => releaseHost(agent));

test("logs follow live in colour, hostile text stays text, search highlights", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/hosts/${hostId}/containers/painter`);
  await page.getByTestId("tab-logs").click();
  const viewer = page.getByTestId("log-viewer");
  await expect(viewer.getByTestId("log-line").filter({ hasText: "green 3" }).first()).toBeVisible({
    timeout: 15_000,
  });
  const line = viewer.getByTestId("log-line").filter({ hasText: "green 3 " }).first();
  await expect(line).toContainText(HOSTILE);
  expect(await page.locator('[data-testid="log-viewer"] img').count()).toBe(0);
  // The ANSI colour became a style on a span, not visible escape codes.
  await expect(line).not.toContainText("[32m");
  const coloured = await line
    .locator("span")
    .evaluateAll((spans) =>
      spans.some((s) => getComputedStyle(s).color !== getComputedStyle(s.parentElement!).color),
    );
  expect(coloured).toBe(true);
  await expect(viewer.getByTestId("log-line").filter({ hasText: "oops 2" }).first()).toBeVisible();

  await page.getByTestId("log-search").fill("green 4");
  await expect(viewer.locator("mark").first()).toHaveText("green 4");
  await page.screenshot({ path: `${SHOTS}/logs.png` });
  expect(dialogs).toBe(0);
});

test("a terminal runs a command and shows its output", async ({ page }) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/hosts/${hostId}/containers/painter`);
  await page.getByTestId("tab-terminal").click();
  await page.getByTestId("terminal-connect").click();
  const term = page.getByTestId("terminal");
  await expect(term.locator(".xterm-screen")).toBeVisible();
  await term.locator(".xterm").click();
  await page.keyboard.type("echo hel''lo from berth\n");
  await expect(term.locator(".xterm-rows")).toContainText("hello from berth", { timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/terminal.png` });
  // far more output than the agent sends ahead of the terminal's acks: all of it arrives
  await page.keyboard.type("seq 1 150000; echo seq-$((1+1))-done\n");
  await expect(term.locator(".xterm-rows")).toContainText("150000", { timeout: 30_000 });
  await expect(term.locator(".xterm-rows")).toContainText("seq-2-done", { timeout: 15_000 });
  await page.keyboard.type("exit 4\n");
  await expect(page.getByTestId("terminal-status")).toContainText("4", { timeout: 15_000 });
});

test("container stats and the fleet overview chart live figures", async ({ page }) => {
  docker([
    "run",
    "-d",
    "--name",
    "busy",
    "--memory",
    "64m",
    IMAGE,
    "sh",
    "-c",
    "while :; do :; done",
  ]);
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/hosts/${hostId}/containers/busy`);
  await page.getByTestId("tab-stats").click();
  await expect(
    page
      .getByTestId("stats-charts")
      .locator(".recharts-curve, .recharts-area-curve, .recharts-line-curve")
      .first(),
  ).toBeVisible({ timeout: 20_000 });
  const figures = page.getByTestId("stats-values").locator("dd");
  await expect(figures.nth(0)).toHaveText(/^\d+\.\d %$/);
  await expect(figures.nth(1)).toHaveText(/^\d+(\.\d)? (B|KiB|MiB) \/ 64 MiB \(\d+\.\d %\)$/);
  await expect(figures.nth(4)).toHaveText("1");
  await page.screenshot({ path: `${SHOTS}/container-stats.png`, fullPage: true });

  await page.getByRole("link", { name: "Overview" }).click();
  const card = page.getByTestId("overview-host").filter({ hasText: "edge-01" });
  await expect(card).toBeVisible();
  // the host's CPU now, and its memory used of all
  await expect(card).toContainText(
    /CPU\d+\.\d %Memory\d+(\.\d)? (KiB|MiB|GiB) \/ \d+(\.\d)? (MiB|GiB|TiB)/,
  );
  // The container burning a CPU heads the list once the agent's sweep has measured it.
  const top = page.getByTestId("top-cpu").locator("tbody tr").first();
  await expect(top).toContainText("busy", { timeout: 30_000 });
  await expect(top).toContainText(/\d+\.\d %/);
  await page.screenshot({ path: `${SHOTS}/overview.png`, fullPage: true });
});
