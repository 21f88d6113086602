import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import type { ImageUpdateView } from "@/lib/protocol";
import { expect, test } from "./fixtures";
import type { AgentProcess } from "../harness/agent";
import { startRegistry, type TestRegistry } from "../harness/registry";
import { e2eEnv } from "./env";
import { docker, IMAGE, releaseHost, reconnectHost, SHOTS, signIn } from "./helpers";

// Runs after 01-first-run: the admin exists and the host is enrolled (its agent was stopped).
test.describe.configure({ mode: "serial" });

let agent: AgentProcess | null = null;
let hostId = "";
let registry: TestRegistry | null = null;
let image = "";
let buildDir = "";
const NAME = "e2e-updatable";

/** Builds a version of the tag on the host (a label tells the versions apart). */
function build(version: string): string {
  const dir = path.join(buildDir, version);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "Dockerfile"),
    `FROM ${IMAGE}\nLABEL org.example.version=${version}\nCMD ["sleep", "3600"]\n`,
  );
  docker(["build", "-q", "-t", image, dir]);
  return docker(["image", "inspect", "-f", "{{.Id}}", image]).trim();
}

/** Pushes the tag through Berth, with the registry's stored credentials. */
async function push(request: APIRequestContext) {
  const res = await request.post(`${e2eEnv().baseUrl}/api/hosts/${hostId}/images/push`, {
    data: { image },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test.beforeAll(async () => {
  ({ agent, hostId } = await reconnectHost());
  registry = await startRegistry(new URL(e2eEnv().agentServerUrl).hostname);
  image = `${registry.host}/e2e/web:stable`;
  buildDir = mkdtempSync(path.join(os.tmpdir(), "berth-e2e-updates-"));
});

test.afterAll(async () => {
  spawnSync("/usr/bin/docker", ["-H", e2eEnv().host.dockerHost, "rm", "-f", NAME]);
  await registry?.stop();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  await releaseHost(agent);
});

test("the lists mark an update; Update on the container page updates it and says so", async ({
  page,
}) => {
  await signIn(page);
  const saved = await page.request.post(`${e2eEnv().baseUrl}/api/registries`, {
    data: {
      name: "e2e updates",
      kind: "V2_BASIC",
      url: registry!.url,
      username: registry!.username,
      password: registry!.password,
    },
  });
  expect(saved.status(), await saved.text()).toBe(201);

  build("v1");
  await push(page.request);
  docker(["run", "-d", "--name", NAME, image]);
  const v2 = build("v2");
  await push(page.request);

  // the registry's answers are reused for up to a minute: ask until the new push is seen
  await expect
    .poll(
      async () => {
        const res = await page.request.post(`${e2eEnv().baseUrl}/api/image-updates/check`, {
          data: { hostId },
        });
        const { checks } = (await res.json()) as { checks: ImageUpdateView[] };
        return checks.find((c) => c.imageRef === image)?.status;
      },
      { timeout: 90_000, intervals: [5_000] },
    )
    .toBe("update_available");

  // the image the container runs is older than the registry's for its tag
  await page.goto(`${e2eEnv().baseUrl}/images`);
  const imageRow = page.getByTestId("image-row").filter({ hasText: NAME });
  await expect(imageRow.getByTestId("update-available")).toBeVisible();
  await expect(
    page.getByTestId("image-row").filter({ hasText: image }).getByTestId("update-available"),
  ).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/image-updates-images.png`, fullPage: true });
  await page.getByRole("link", { name: "Containers", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Containers" })).toBeVisible();
  const table = page.getByTestId("container-table");
  const row = table.getByRole("row").filter({ hasText: NAME });
  await expect(row.getByTestId("update-available")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/image-updates-list.png`, fullPage: true });

  await row.getByRole("link", { name: NAME }).click();
  const panel = page.getByTestId("image-update-panel");
  await expect(panel.getByTestId("image-update-status")).toContainText(
    "A newer image is in the registry",
  );
  await panel.getByRole("button", { name: "Update", exact: true }).click();
  await expect(page.getByTestId("update-outcome")).toContainText(`Updated. ${NAME} now runs`, {
    timeout: 60_000,
  });
  await expect(page.getByTestId("container-title")).toHaveText(NAME);
  await page.screenshot({ path: `${SHOTS}/image-updates-updated.png`, fullPage: true });
  expect(docker(["inspect", "-f", "{{.Image}}", NAME]).trim()).toBe(v2);

  // the mark goes once the container runs the registry's image
  await expect(panel.getByTestId("image-update-status")).toContainText("Up to date");
  await page.getByRole("link", { name: "← Containers" }).click();
  const updated = page.getByTestId("container-table").getByRole("row").filter({ hasText: NAME });
  await expect(updated).toBeVisible();
  await expect(updated.getByTestId("update-available")).toHaveCount(0);
});

test("the host page sets up and lists automatic updates by label", async ({ page }) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/hosts/${hostId}`);
  const policies = page.getByTestId("auto-update-policies");
  const form = policies.getByTestId("label-policy-form");
  await form.getByLabel("Schedule (cron)").fill("not a schedule");
  await form.getByLabel("Label").fill("com.example.autoupdate");
  await form.getByLabel("Value (empty: any)").fill("yes");
  await form
    .getByRole("button", { name: "Update containers with this label automatically" })
    .click();
  await expect(form.getByRole("alert")).toContainText("Not a cron expression");

  await form.getByLabel("Schedule (cron)").fill("30 3 * * *");
  await form
    .getByRole("button", { name: "Update containers with this label automatically" })
    .click();
  const listed = policies
    .getByRole("listitem")
    .filter({ hasText: "label com.example.autoupdate=yes" });
  await expect(listed).toContainText("30 3 * * *");
  await expect(listed).toContainText("runs as");
  await policies.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/image-updates-auto.png`, fullPage: true });

  await listed.getByRole("button", { name: "Remove" }).click();
  await expect(listed).toHaveCount(0);
});
