import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import type { AgentProcess } from "../harness/agent";
import { startEcrApi } from "../harness/ecr-api";
import { startRegistry, type TestRegistry } from "../harness/registry";
import { e2eEnv } from "./env";
import { docker, IMAGE, releaseHost, reconnectHost, SHOTS, signIn } from "./helpers";

// Runs after 01-first-run: the admin exists and the host is enrolled (its agent was stopped).
test.describe.configure({ mode: "serial" });

let agent: AgentProcess | null = null;
let hostId = "";
let registry: TestRegistry | null = null;
let image = "";

test.beforeAll(async () => {
  ({ agent, hostId } = await reconnectHost());
  // the bridge gateway: the address the server listens on for agents, reachable by the host
  registry = await startRegistry(new URL(e2eEnv().agentServerUrl).hostname);
  image = `${registry.host}/e2e/hello:1`;
});

test.afterAll(async () => {
  await registry?.stop();
  await releaseHost(agent);
});

test("build from a typed Dockerfile and watch the steps", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Images" }).click();
  await expect(page.getByRole("heading", { name: "Images" })).toBeVisible();
  await page.getByRole("link", { name: "Build" }).click();
  await page
    .getByLabel("Dockerfile", { exact: true })
    .fill(
      [
        `FROM ${IMAGE} AS build`,
        `RUN echo "built by Berth" > /hello.txt && dd if=/dev/zero of=/pad.bin bs=1024 count=512`,
        "FROM scratch",
        "COPY --from=build /bin/busybox /bin/busybox",
        "COPY --from=build /hello.txt /hello.txt",
        'CMD ["/bin/busybox", "cat", "/hello.txt"]',
        "",
      ].join("\n"),
    );
  await page.getByLabel("Tags (space or comma separated)").fill(image);
  await page.getByLabel("Labels (name=value, one a line)").fill("org.example.owner=e2e");
  await page.getByRole("button", { name: "Build", exact: true }).click();

  await expect(page.getByTestId("build-result")).toContainText(/\d+ steps/, { timeout: 60_000 });
  expect(await page.getByTestId("build-step").count()).toBeGreaterThanOrEqual(6);
  await expect(page.getByTestId("build-step").first()).toContainText(`Step 1/`);
  await expect(page.getByTestId("build-output")).toContainText(`Successfully tagged ${image}`);
  await page.screenshot({ path: `${SHOTS}/image-build.png`, fullPage: true });
  expect(docker(["run", "--rm", image]).trim()).toBe("built by Berth");

  // the same build again: the steps come from the cache, and the page says so
  await page.getByRole("button", { name: "Build", exact: true }).click();
  await expect(page.getByTestId("build-result")).toContainText("from the cache");
  await expect(page.getByTestId("build-cache-hit").first()).toBeVisible();
});

test("add a registry, test the connection; the password is never shown again", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Registries" }).click();
  await page.getByRole("button", { name: "Add registry" }).click();
  const form = page.getByTestId("registry-form");
  await form.getByLabel("Name", { exact: true }).fill("e2e registry");
  await form.getByLabel("Address").fill(registry!.url);
  await form.getByLabel("User name", { exact: true }).fill(registry!.username);
  await form.getByLabel("Password", { exact: true }).fill("not the password");
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByTestId("error")).toContainText("refused the credentials");
  await form.getByLabel("Password", { exact: true }).fill(registry!.password);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByTestId("registry-test-ok")).toContainText(
    `signed in as ${registry!.username}`,
  );
  await page.screenshot({ path: `${SHOTS}/registry-form.png`, fullPage: true });
  await form.getByRole("button", { name: "Save" }).click();
  const row = page.getByTestId("registry-row").filter({ hasText: "e2e registry" });
  await expect(row).toContainText("password set");
  expect(await page.content()).not.toContain(registry!.password);
  await page.screenshot({ path: `${SHOTS}/registries.png`, fullPage: true });
});

test("an Amazon ECR registry: region from the address, a refused key shown at its field", async ({
  page,
}) => {
  const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  const ecrApi = await startEcrApi({
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: secret,
    region: "eu-west-1",
    password: "ecr login password",
    proxyEndpoint: "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
    repositories: async () => [],
  });
  try {
    await signIn(page);
    await page.getByRole("link", { name: "Registries" }).click();
    await page.getByRole("button", { name: "Add registry" }).click();
    const form = page.getByTestId("registry-form");
    await form.getByLabel("Name", { exact: true }).fill("e2e ecr");
    await form.getByLabel("Kind").selectOption({ label: "Amazon ECR" });
    await form.getByLabel("Address").fill("https://123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    await expect(form.getByLabel("AWS region")).toHaveAttribute(
      "placeholder",
      "eu-west-1 (from the address)",
    );
    await form.getByLabel("Access key id").fill("AKIAIOSFODNN7EXAMPLE");
    await form.getByLabel("Secret access key").fill("not the secret key");
    await form.getByLabel(/ECR API endpoint/).fill(ecrApi.endpoint);
    await form.getByRole("button", { name: "Test connection" }).click();
    await expect(form.locator("#registry-password-error")).toContainText(
      "AWS refused the access key: the secret access key does not match it",
    );
    await expect(form.getByLabel("Secret access key")).toHaveAttribute("aria-invalid", "true");
    await page.screenshot({ path: `${SHOTS}/registry-ecr.png`, fullPage: true });

    // saving checks the key with AWS (here its stand-in) and stores it only when accepted
    await form.getByLabel("Secret access key").fill(secret);
    await form.getByRole("button", { name: "Save" }).click();
    const row = page.getByTestId("registry-row").filter({ hasText: "e2e ecr" });
    await expect(row).toContainText("Amazon ECR");
    await expect(row).toContainText("secret key set");
    expect(await page.content()).not.toContain(secret);
    expect(ecrApi.calls.GetAuthorizationToken).toBe(1);
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Remove" }).click();
    await expect(row).toHaveCount(0);
  } finally {
    await ecrApi.stop();
  }
});

test("an image's layer history, and a push with progress", async ({ page }) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/images?host=${hostId}`);
  await page.getByRole("link", { name: image }).click();
  const history = page.getByTestId("layer-history");
  // the classic builder records a COPY by its content hash and destination
  await expect(history).toContainText(/COPY file:[0-9a-f]+ in \/bin\/busybox/);
  await expect(history).toContainText("LABEL org.example.owner=e2e");
  expect(await history.getByTestId("layer-row").count()).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: `${SHOTS}/image-details.png`, fullPage: true });

  await page.getByTestId("image-tags").getByRole("button", { name: "Push" }).click();
  const dialog = page.getByTestId("push-dialog");
  await dialog.getByRole("button", { name: "Push", exact: true }).click();
  await expect(dialog.getByTestId("transfer-result")).toContainText(`Pushed ${image}`);
  await expect(dialog.getByTestId("run-progress-layer")).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/image-push.png`, fullPage: true });
});

test("pull with per-layer progress bars", async ({ page }) => {
  docker(["rmi", image]);
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/images?host=${hostId}`);
  await page.getByRole("button", { name: "Pull" }).click();
  const dialog = page.getByTestId("pull-dialog");
  await dialog.getByLabel("Image").fill(image);
  await dialog.getByRole("button", { name: "Pull", exact: true }).click();
  await expect(dialog.getByTestId("transfer-result")).toContainText(`Pulled ${image}`);
  await expect(dialog.getByTestId("run-progress-layer")).toHaveCount(2);
  await expect(dialog.getByTestId("run-progress-layer").first()).toContainText("Pull complete");
  await expect(dialog.getByTestId("transfer-summary")).toContainText("2 of 2 layers done");
  await page.screenshot({ path: `${SHOTS}/image-pull.png`, fullPage: true });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("link", { name: image })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/images.png`, fullPage: true });
});

test("the image list follows the engine: a tag made on the host comes and goes without a reload", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("link", { name: "Images" }).click();
  await expect(page.getByText(IMAGE).first()).toBeVisible();
  // an image's tags share its row's first cell
  const outside = "made-on-the-host/live:1";
  await expect(page.getByText(outside)).toHaveCount(0);
  docker(["tag", IMAGE, outside]);
  await expect(page.getByText(outside)).toBeVisible();
  docker(["rmi", outside]);
  await expect(page.getByText(outside)).toHaveCount(0);
});

test("browse the registry's repositories and tags", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Registries" }).click();
  await page
    .getByTestId("registry-row")
    .filter({ hasText: "e2e registry" })
    .getByRole("button", { name: "Browse" })
    .click();
  const browser = page.getByTestId("registry-browser");
  await browser
    .getByTestId("registry-repositories")
    .getByRole("button", { name: "e2e/hello" })
    .click();
  await expect(browser.getByTestId("registry-tags")).toHaveText(image);
  await page.screenshot({ path: `${SHOTS}/registry-browse.png`, fullPage: true });
});

test("build from an uploaded tar: its .dockerignore keeps a file out of the image", async ({
  page,
}, testInfo) => {
  const src = testInfo.outputPath("context");
  mkdirSync(src, { recursive: true });
  writeFileSync(path.join(src, "Dockerfile"), `FROM ${IMAGE}\nCOPY . /src\n`);
  writeFileSync(path.join(src, "app.txt"), "app\n");
  writeFileSync(path.join(src, "secret.txt"), "secret\n");
  writeFileSync(path.join(src, ".dockerignore"), "secret.txt\n");
  const tarFile = testInfo.outputPath("context.tar.gz");
  // .dockerignore last, as a plain `tar` may write it: the page puts it first
  const args = ["-czf", tarFile, "-C", src, "Dockerfile", "app.txt", "secret.txt", ".dockerignore"];
  expect(spawnSync("tar", args).status).toBe(0);

  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/images/build`);
  await page.getByRole("tab", { name: "Tar file" }).click();
  await page.getByLabel(/Context tar/).setInputFiles(tarFile);
  await page.getByLabel("Tags (space or comma separated)").fill("e2e/context:1");
  await page.getByRole("button", { name: "Build", exact: true }).click();
  await expect(page.getByTestId("build-result")).toContainText("e2e/context:1");
  const listing = docker(["run", "--rm", "e2e/context:1", "ls", "-a", "/src"]).split("\n");
  expect(listing).toContain("app.txt");
  expect(listing).not.toContain("secret.txt");
});

test("save an image to a tar and load it back", async ({ page }, testInfo) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/images?host=${hostId}`);
  await page.getByRole("link", { name: "e2e/context:1" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Save as tar" }).click();
  const file = testInfo.outputPath("saved.tar");
  await (await download).saveAs(file);
  const entries = spawnSync("tar", ["-tf", file], { encoding: "utf8" }).stdout.split("\n");
  expect(entries).toContain("manifest.json");

  docker(["rmi", "e2e/context:1"]);
  await page.goto(`${e2eEnv().baseUrl}/images?host=${hostId}`);
  await page.getByRole("button", { name: "Load" }).click();
  const dialog = page.getByTestId("load-dialog");
  await dialog.getByLabel(/Image tar/).setInputFiles(file);
  await dialog.getByRole("button", { name: "Load", exact: true }).click();
  await expect(page.getByTestId("notice")).toContainText("Loaded e2e/context:1");
  await expect(page.getByRole("link", { name: "e2e/context:1" })).toBeVisible();
  expect(docker(["run", "--rm", "e2e/context:1", "cat", "/src/app.txt"])).toBe("app\n");
});
