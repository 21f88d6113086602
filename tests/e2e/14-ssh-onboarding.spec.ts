import { readlinkSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { startHosts, type SimHost, type SimHosts } from "../harness/hosts";
import { e2eEnv } from "./env";
import { SHOTS, signIn } from "./helpers";

/**
 * Adding a host over SSH in the browser, against a simulated host with its own address, engine
 * and sshd: the host key is shown and accepted, the steps stream in, the host comes online; then
 * the host page removes it and uninstalls its agent over SSH. A second host's installer never
 * returns: Cancel ends that run.
 */
test.describe.configure({ mode: "serial" });

let sim: SimHosts;
let host: SimHost;
let stuck: SimHost;

test.beforeAll(async () => {
  const hanging = '#!/bin/sh\necho "waiting for a lock held by another process"\nexec sleep 600\n';
  sim = await startHosts(2, { sshd: [{}, { stubs: { "/usr/bin/mv": hanging } }] });
  [host, stuck] = sim.hosts as [SimHost, SimHost];
});

test.afterAll(async () => {
  for (const pid of agentPids()) process.kill(pid);
  await sim?.stop();
});

function agentPids(on: SimHost = host): number[] {
  return on.ssh!.processes().filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/exe`).startsWith("/opt/berth-agent/berth-agent");
    } catch {
      return false;
    }
  });
}

/** Signs in, opens Add host → Over SSH for `on` and checks its host key. */
async function fillSshForm(page: Page, on: SimHost, name: string) {
  const port = new URL(e2eEnv().baseUrl).port;
  await signIn(page);
  await page.getByRole("button", { name: "Add host" }).click();
  await page.getByRole("tab", { name: "Over SSH" }).click();
  await page.getByLabel(/Host name/).fill(name);
  await page.getByLabel("Address", { exact: true }).fill(on.ssh!.address);
  await page.getByLabel("SSH password").fill(on.ssh!.password);
  await page.getByLabel(/This server's address/).fill(`http://${sim.gatewayIp}:${port}`);
  await page.getByRole("button", { name: "Check host key" }).click();
  await expect(page.getByTestId("ssh-fingerprint")).toHaveText(await on.ssh!.fingerprint());
}

const hostRow = (page: Page, name: string) =>
  page.getByTestId("host-row").filter({ has: page.getByRole("link", { name, exact: true }) });

test("add a host over SSH: accept its key, watch the steps, the host comes online", async ({
  page,
}) => {
  await fillSshForm(page, host, "ssh-01");
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
  // the host list behind the dialog shows the new host, online, without the page reloading
  await expect(hostRow(page, "ssh-01").getByTestId("host-status")).toHaveText("online");
  await expect(page.getByTestId("onboarding-done")).toBeVisible();
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
  // another tab on the host list sees the host go without reloading
  const watcher = await page.context().newPage();
  await watcher.goto(new URL("/hosts", page.url()).href);
  await expect(hostRow(watcher, "ssh-01")).toHaveCount(1);
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
  await expect(hostRow(watcher, "ssh-01")).toHaveCount(0);
  await watcher.close();
});

test("Cancel ends a run whose step never returns, and adds no host", async ({ page }) => {
  await fillSshForm(page, stuck, "ssh-stuck");
  await page.getByRole("button", { name: "Accept key and add host" }).click();
  const install = page.getByTestId("step-install");
  await expect(install.locator("pre")).toContainText("waiting for a lock", { timeout: 60_000 });
  await expect(install).toHaveAttribute("data-state", "running");
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(
    page.getByText('Onboarding was cancelled during "Install the agent"', { exact: false }),
  ).toBeVisible();
  await expect(install).toHaveAttribute("data-state", "failed");
  await expect(page.getByRole("button", { name: "Cancel", exact: true })).toHaveCount(0);
  await page.screenshot({ path: "docs/screenshots/ssh-onboarding-cancelled.png" });
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("heading", { name: "Hosts" })).toBeVisible();
  await expect(hostRow(page, "ssh-stuck")).toHaveCount(0);
  expect(agentPids(stuck)).toEqual([]);
});
