import { readlinkSync } from "node:fs";
import { expect, test } from "./fixtures";
import { startHosts, type SimHost, type SimHosts } from "../harness/hosts";
import { e2eEnv } from "./env";
import { SHOTS, signIn } from "./helpers";

/**
 * Adding a host over SSH in the browser, against a simulated host with its own address, engine
 * and sshd: the host key is shown and accepted, the steps stream in, the host comes online; then
 * the host page removes it and uninstalls its agent over SSH.
 */
test.describe.configure({ mode: "serial" });

let sim: SimHosts;
let host: SimHost;

test.beforeAll(async () => {
  sim = await startHosts(1, { sshd: true });
  host = sim.hosts[0]!;
});

test.afterAll(async () => {
  for (const pid of agentPids()) process.kill(pid);
  await sim?.stop();
});

function agentPids(): number[] {
  return host.ssh!.processes().filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/exe`).startsWith("/opt/berth-agent/berth-agent");
    } catch {
      return false;
    }
  });
}

test("add a host over SSH: accept its key, watch the steps, the host comes online", async ({
  page,
}) => {
  const env = e2eEnv();
  const port = new URL(env.baseUrl).port;
  await signIn(page);
  await page.getByRole("button", { name: "Add host" }).click();
  await page.getByRole("tab", { name: "Over SSH" }).click();
  await page.getByLabel(/Host name/).fill("ssh-01");
  await page.getByLabel("Address", { exact: true }).fill(host.ssh!.address);
  await page.getByLabel("SSH password").fill(host.ssh!.password);
  await page.getByLabel(/This server's address/).fill(`http://${sim.gatewayIp}:${port}`);
  await page.getByRole("button", { name: "Check host key" }).click();
  await expect(page.getByTestId("ssh-fingerprint")).toHaveText(await host.ssh!.fingerprint());
  await page.screenshot({ path: "docs/screenshots/ssh-host-key.png" });

  // Record every step's state as the page shows it, to see them change while the run goes on.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { stepsSeen: string[] }).stepsSeen = seen;
    new MutationObserver(() => {
      for (const li of document.querySelectorAll("[data-testid^='step-']")) {
        const mark = `${li.getAttribute("data-testid")}:${li.getAttribute("data-state")}`;
        if (seen.at(-1) !== mark && !seen.includes(mark)) seen.push(mark);
      }
      if (document.querySelector("[data-testid='onboarding-done']")) seen.push("response");
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByRole("button", { name: "Accept key and add host" }).click();
  await expect(page.getByTestId("step-upload").locator("pre")).toContainText(/Copied \d+ MiB/, {
    timeout: 60_000,
  });
  await page.screenshot({ path: "docs/screenshots/ssh-onboarding-progress.png" });
  await expect(page.getByTestId("onboarding-done")).toContainText("ssh-01 is online", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("step-install").locator("pre")).toContainText(
    "Berth agent started in the background",
  );
  await page.screenshot({ path: "docs/screenshots/ssh-onboarding.png" });
  const seen = await page.evaluate(() => (window as unknown as { stepsSeen: string[] }).stepsSeen);
  // each step ran and finished before the server's answer arrived: they streamed in
  for (const step of ["connect", "inspect", "engine", "upload", "install", "online"]) {
    expect(seen.indexOf(`step-${step}:running`), step).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf(`step-${step}:done`), step).toBeGreaterThan(
      seen.indexOf(`step-${step}:running`),
    );
  }
  expect(seen.indexOf("step-install:done")).toBeLessThan(seen.indexOf("response"));
  expect(agentPids()).toHaveLength(1);

  await page.getByRole("link", { name: "Open the host" }).click();
  await expect(page.getByRole("heading", { name: "ssh-01" })).toBeVisible();
  await expect(page.getByTestId("host-status")).toHaveText("online");
  await page.screenshot({ path: `${SHOTS}/ssh-host.png` });
});

test("remove the host and uninstall its agent over SSH", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "ssh-01" }).click();
  await page.getByRole("button", { name: "Remove host" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel(/Stop and uninstall the agent over SSH/)).toBeChecked();
  // the password was not kept: the removal asks for it again
  await dialog.getByLabel("SSH password").fill(host.ssh!.password);
  await dialog.getByRole("button", { name: "Remove host" }).click();
  await expect(page).toHaveURL(/\/hosts$/);
  await expect(page.getByRole("link", { name: "ssh-01" })).toHaveCount(0);
  expect(agentPids()).toEqual([]);
});
