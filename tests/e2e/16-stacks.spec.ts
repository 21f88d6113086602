import { expect, test } from "./fixtures";
import type { AgentProcess } from "../harness/agent";
import { httpGet } from "../harness/http-get";
import { e2eEnv } from "./env";
import { docker, IMAGE, releaseHost, reconnectHost, SHOTS, signIn } from "./helpers";

// Runs after 01-first-run: the admin exists and the host edge-01 is enrolled.
test.describe.configure({ mode: "serial" });

const STACK = "e2e-shop";
const LEGACY = "e2e-legacy";
const CLASH = "e2e-clash";
const PORT = 18090;

/** `ports:` must be a list: the loader says so at line 4, column 12. */
const BROKEN = `services:
  web:
    image: ${IMAGE}
    ports: ${PORT}
`;

const stackFile = (greeting: string) => `services:
  db:
    image: ${IMAGE}
    command: ["sh", "-c", "echo db ready; touch /data/ok; exec sleep 3600"]
    # sleep and httpd as PID 1 ignore SIGTERM: do not wait 10 s for each on recreate and down
    stop_grace_period: 1s
    volumes:
      - data:/data
    healthcheck:
      test: ["CMD", "test", "-f", "/data/ok"]
      interval: 1s
      retries: 30
  web:
    image: ${IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo hello from the stack > /www/index.html && echo web up && exec httpd -f -p 80 -h /www"]
    stop_grace_period: 1s
    environment:
      GREETING: ${greeting}
    ports:
      - "${PORT}:80"
    depends_on:
      db:
        condition: service_healthy
volumes:
  data: {}
`;

let agent: AgentProcess | null = null;

const projectContainers = (project: string) =>
  docker([
    "ps",
    "-a",
    "--filter",
    `label=com.docker.compose.project=${project}`,
    "--format",
    "{{.Names}}",
  ])
    .split("\n")
    .filter(Boolean)
    .sort();

const containerId = (name: string) => docker(["inspect", "--format", "{{.Id}}", name]).trim();

test.beforeAll(async () => {
  ({ agent } = await reconnectHost());
  // A project as `docker compose up` would leave it: labels only, Berth never saw its files.
  docker([
    "run",
    "-d",
    "--name",
    `${LEGACY}-app-1`,
    "--label",
    `com.docker.compose.project=${LEGACY}`,
    "--label",
    "com.docker.compose.service=app",
    "--label",
    "com.docker.compose.container-number=1",
    "--label",
    "com.docker.compose.oneoff=False",
    "--label",
    "com.docker.compose.project.working_dir=/srv/legacy",
    "--label",
    "com.docker.compose.project.config_files=/srv/legacy/compose.yaml",
    IMAGE,
    "sleep",
    "3600",
  ]);
});

test.afterAll(async () => {
  for (const project of [STACK, LEGACY, CLASH]) {
    for (const name of projectContainers(project)) docker(["rm", "-f", name]);
  }
  for (const args of [
    ["volume", "rm", "-f", `${STACK}_data`],
    ["network", "rm", `${STACK}_default`],
  ]) {
    try {
      docker(args);
    } catch {
      // removed by the test, or never made
    }
  }
  await releaseHost(agent);
});

test("a project started on the host by labels alone is listed and adopted", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Stacks" }).click();
  await expect(page.getByRole("heading", { name: "Stacks" })).toBeVisible();
  const legacy = page.locator(`[data-testid="stack-row"][data-stack="${LEGACY}"]`);
  await expect(legacy).toContainText("found on host");
  await expect(legacy.getByTestId("stack-containers")).toHaveText("1/1");
  await page.screenshot({ path: `${SHOTS}/stacks-list.png`, fullPage: true });

  await legacy.getByRole("button", { name: "Adopt" }).click();
  await expect(page).toHaveURL(/\/stacks\/[^/]+$/);
  await expect(page.getByTestId("stack-name")).toHaveText(LEGACY);
  await expect(
    page.locator(`[data-testid="stack-container"][data-container="${LEGACY}-app-1"]`),
  ).toContainText("running");
});

test("edit with a YAML error shown at its line, then deploy with live steps", async ({ page }) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/stacks`);
  await page.getByRole("link", { name: "New stack" }).click();
  await expect(page.getByRole("heading", { name: "New stack" })).toBeVisible();

  // the name is checked as it is typed
  await page.getByLabel("Stack name").fill("E2E Shop");
  await expect(page.getByText(/lowercase letters, digits/)).toBeVisible();
  await page.getByLabel("Stack name").fill(STACK);

  const editor = page.getByLabel("Contents of compose.yaml");
  await editor.fill(BROKEN);
  const problem = page.getByTestId("compose-problem");
  await expect(problem).toContainText("compose.yaml:4:12");
  await expect(problem).toContainText(/ports.*must be a list/);
  await expect(page.locator('[data-testid="editor-problem-line"][data-line="4"]')).toBeVisible();
  await expect(page.getByTestId("stack-create")).toBeDisabled();
  // the problem takes the caret to its line and column
  await problem.click();
  await expect(page.getByTestId("editor-caret")).toHaveText("Ln 4, Col 12");
  await page.screenshot({ path: `${SHOTS}/stack-editor-error.png`, fullPage: true });

  await editor.fill(stackFile("one"));
  await expect(page.getByTestId("compose-problem")).toHaveCount(0);
  await expect(
    page.locator(`[data-testid="plan-action"][data-target="${STACK}-web-1"]`),
  ).toHaveAttribute("data-action", "create");
  await expect(page.getByTestId("plan-summary")).toContainText("to create");

  // a pasted docker run line becomes a service of the file
  await page.getByRole("button", { name: "Paste docker run" }).click();
  await page
    .getByLabel("docker run command")
    .fill(`docker run --name cache -e MODE=test --stop-timeout 1 ${IMAGE} sleep 3600`);
  await expect(page.getByTestId("paste-run-preview")).toContainText("MODE: test");
  await expect(page.getByTestId("paste-run-preview")).toContainText("stop_grace_period: 1s");
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(page.getByTestId("editor-notice")).toHaveText(
    "Added the service cache to compose.yaml.",
  );
  await expect(editor).toHaveValue(/\n {2}cache:\n {4}image: /);
  await expect(
    page.locator(`[data-testid="plan-action"][data-target="${STACK}-cache-1"]`),
  ).toHaveAttribute("data-action", "create");

  await page.getByTestId("stack-create").click();
  // db becomes healthy before web starts: the steps are on screen meanwhile
  await expect(page.getByTestId("deploy-step").first()).toBeVisible();
  await expect(page).toHaveURL(/\/stacks\/[^/]+$/, { timeout: 60_000 });
  await expect(page.getByTestId("stack-name")).toHaveText(STACK);
  await expect(page.getByTestId("stack-state")).toHaveText("running");
  for (const service of ["db", "web", "cache"]) {
    await expect(
      page.locator(`[data-testid="stack-container"][data-container="${STACK}-${service}-1"]`),
    ).toContainText("running");
  }
  await expect(
    page
      .locator(`[data-testid="stack-container"][data-container="${STACK}-db-1"]`)
      .getByTestId("container-health"),
  ).toHaveText("healthy");
  await expect(page.getByRole("link", { name: `${PORT}→80/tcp` })).toBeVisible();
  expect((await httpGet(`http://${e2eEnv().host.ip}:${PORT}/`)).trim()).toBe(
    "hello from the stack",
  );
  expect(projectContainers(STACK)).toEqual([`${STACK}-cache-1`, `${STACK}-db-1`, `${STACK}-web-1`]);
  await page.screenshot({ path: `${SHOTS}/stack-page.png`, fullPage: true });
});

test("a deploy that fails says which service failed and why", async ({ page }) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/stacks/new`);
  await page.getByLabel("Stack name").fill(CLASH);
  // the port e2e-shop's web publishes already
  await page.getByLabel("Contents of compose.yaml").fill(`services:
  web:
    image: ${IMAGE}
    command: ["sleep", "3600"]
    ports:
      - "${PORT}:80"
`);
  await expect(page.getByTestId("plan-summary")).toContainText("to create");
  await page.getByTestId("stack-create").click();
  const failed = page.locator('[data-testid="deploy-step"][data-state="failed"]');
  await expect(failed).toContainText(/port is already allocated|address already in use/, {
    timeout: 60_000,
  });
  await expect(page.getByTestId("error")).toContainText("web");
  await expect(page.getByTestId("error")).toContainText(
    /port is already allocated|address already in use/,
  );
  await page.screenshot({ path: `${SHOTS}/stack-deploy-failed.png`, fullPage: true });
  // e2e-shop was not touched by the failure
  expect((await httpGet(`http://${e2eEnv().host.ip}:${PORT}/`)).trim()).toBe(
    "hello from the stack",
  );
});

test("merged logs, an update that recreates only what changed, then down with volumes", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/stacks`);
  await page
    .locator(`[data-testid="stack-row"][data-stack="${STACK}"]`)
    .getByRole("link", { name: STACK })
    .click();
  await expect(page.getByTestId("stack-name")).toHaveText(STACK);

  await page.getByRole("tab", { name: "Logs" }).click();
  const viewer = page.getByTestId("log-viewer");
  await expect(viewer.getByTestId("log-line").filter({ hasText: "db ready" })).toBeVisible();
  await expect(viewer.getByTestId("log-line").filter({ hasText: "web up" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/stack-logs.png`, fullPage: true });

  const dbBefore = containerId(`${STACK}-db-1`);
  const webBefore = containerId(`${STACK}-web-1`);
  await page.getByRole("tab", { name: "Editor" }).click();
  const editor = page.getByLabel("Contents of compose.yaml");
  const text = await editor.inputValue();
  await editor.fill(text.replace("GREETING: one", "GREETING: two"));
  await expect(
    page.locator(`[data-testid="plan-action"][data-target="${STACK}-web-1"]`),
  ).toHaveAttribute("data-action", "recreate");
  await expect(
    page.locator(`[data-testid="plan-action"][data-target="${STACK}-db-1"]`),
  ).toHaveAttribute("data-action", "keep");
  await page.getByTestId("editor-deploy").click();
  const steps = page.getByTestId("deploy-steps");
  await expect(steps).toContainText(`Deployed ${STACK}`, { timeout: 60_000 });
  await expect(steps.locator('[data-testid="deploy-step"][data-state="failed"]')).toHaveCount(0);
  expect(containerId(`${STACK}-db-1`)).toBe(dbBefore);
  expect(containerId(`${STACK}-web-1`)).not.toBe(webBefore);
  expect(docker(["inspect", "--format", "{{json .Config.Env}}", `${STACK}-web-1`])).toContain(
    "GREETING=two",
  );

  await page.getByRole("button", { name: "Down", exact: true }).click();
  await page.getByLabel("Also remove its volumes, with their data").check();
  await page.getByTestId("down-confirm").click();
  await expect(page.getByTestId("deploy-steps")).toContainText(`Took down ${STACK}`, {
    timeout: 60_000,
  });
  expect(projectContainers(STACK)).toEqual([]);
  expect(docker(["volume", "ls", "-q", "--filter", `name=${STACK}_data`]).trim()).toBe("");

  await page.getByRole("button", { name: "Remove", exact: true }).click();
  await page.getByTestId("down-confirm").click();
  await expect(page).toHaveURL(/\/stacks$/);
  await expect(page.locator(`[data-testid="stack-row"][data-stack="${STACK}"]`)).toHaveCount(0);
});
