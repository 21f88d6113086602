import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { expect, test } from "./fixtures";
import type { AgentProcess } from "../harness/agent";
import { docker, IMAGE, releaseHost, reconnectHost, SHOTS, signIn } from "./helpers";

// Runs after 01-first-run: the admin exists and the host is enrolled (its agent was stopped).
test.describe.configure({ mode: "serial" });

let agent: AgentProcess | null = null;
const VOLUME = "e2e-data";

test.beforeAll(async () => {
  ({ agent } = await reconnectHost());
  docker(["volume", "create", "--label", "app=notes", VOLUME]);
  docker([
    "run",
    "--rm",
    "-v",
    `${VOLUME}:/d`,
    IMAGE,
    "sh",
    "-c",
    [
      "mkdir -p /d/notes /d/cache",
      "printf 'Hello from the volume.\\nSecond line.\\n' > /d/notes/readme.txt",
      "printf '\\0\\1\\2' > /d/notes/data.bin",
      "ln -s notes/readme.txt /d/latest",
      "chown -R 1000:1000 /d/notes && chmod 700 /d/cache",
    ].join(" && "),
  ]);
  docker([
    "run",
    "-d",
    "--name",
    "e2e-volume-user",
    "-v",
    `${VOLUME}:/d:ro`,
    IMAGE,
    "sleep",
    "600",
  ]);
});

test.afterAll(async () => {
  docker(["rm", "-f", "e2e-volume-user"]);
  await releaseHost(agent);
});

test("the volume list is live, and a volume's files can be browsed and previewed", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("link", { name: "Volumes", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Volumes" })).toBeVisible();
  const row = page.getByTestId("volume-row").filter({ hasText: VOLUME });
  await expect(row).toContainText("e2e-volume-user");
  await expect(row).toContainText("app=notes");
  // made on the host with the docker CLI while the list is open
  docker(["volume", "create", "made-on-the-host"]);
  await expect(
    page.getByTestId("volume-row").filter({ hasText: "made-on-the-host" }),
  ).toBeVisible();
  await expect(row.getByRole("cell").nth(3)).not.toHaveText("…", { timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/volumes.png`, fullPage: true });

  await row.getByRole("link", { name: VOLUME }).click();
  await expect(page.getByRole("heading", { name: VOLUME })).toBeVisible();
  const files = page.getByTestId("file-table");
  await expect(files.getByTestId("file-row")).toHaveCount(3);
  await expect(files.getByTestId("file-row").filter({ hasText: "cache" })).toContainText(
    "drwx------",
  );
  await files.getByRole("button", { name: /notes/ }).click();
  await expect(page.getByTestId("breadcrumbs")).toContainText(`${VOLUME}/notes`);
  const readme = files.getByTestId("file-row").filter({ hasText: "readme.txt" });
  await expect(readme).toContainText("1000:1000");
  await readme.getByRole("button", { name: /readme\.txt/ }).click();
  await expect(page.getByTestId("file-preview")).toContainText("Hello from the volume.");
  await page.screenshot({ path: `${SHOTS}/volume-files.png`, fullPage: true });
  await files.getByRole("button", { name: /data\.bin/ }).click();
  await expect(page.getByTestId("file-preview")).toContainText("This file is binary");
  // a symlink to a file opens the file
  await page.getByTestId("breadcrumbs").getByRole("button", { name: VOLUME }).click();
  await files.getByRole("button", { name: /latest/ }).click();
  await expect(page.getByTestId("file-preview")).toContainText("Second line.");
});

test("upload a file and make a folder", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Volumes", exact: true }).click();
  await page
    .getByTestId("volume-row")
    .filter({ hasText: VOLUME })
    .getByRole("link", { name: VOLUME })
    .click();
  const files = page.getByTestId("file-table");
  await files.getByRole("button", { name: /notes/ }).click();
  await expect(page.getByTestId("breadcrumbs")).toContainText("notes");
  await page.getByLabel("Upload files here").setInputFiles({
    name: "uploaded.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("uploaded through the browser\n"),
  });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByTestId("files-notice")).toHaveText("Uploaded uploaded.txt.");
  await expect(files.getByTestId("file-row").filter({ hasText: "uploaded.txt" })).toBeVisible();
  await page.getByLabel("New folder").fill("archive");
  await page.getByRole("button", { name: "Make folder" }).click();
  await expect(files.getByTestId("file-row").filter({ hasText: "archive" })).toBeVisible();
  const inside = docker([
    "run",
    "--rm",
    "-v",
    `${VOLUME}:/d`,
    IMAGE,
    "sh",
    "-c",
    "cat /d/notes/uploaded.txt; ls /d/notes",
  ]);
  expect(inside).toBe(
    "uploaded through the browser\narchive\ndata.bin\nreadme.txt\nuploaded.txt\n",
  );
});

test("download a backup, keep one on the server and restore it into a new volume", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("link", { name: "Volumes", exact: true }).click();
  await page
    .getByTestId("volume-row")
    .filter({ hasText: VOLUME })
    .getByRole("link", { name: VOLUME })
    .click();
  const panel = page.getByTestId("backup-panel");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("link", { name: "Download backup (.tar.gz)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${VOLUME}-\\d{8}T\\d{6}Z\\.tar\\.gz$`));
  const tar = gunzipSync(readFileSync((await download.path())!)).toString("latin1");
  expect(tar).toContain("./notes/readme.txt");
  expect(tar).toContain("Hello from the volume.");
  await expect(panel.getByTestId("download-progress")).toContainText("sent");

  await panel.getByRole("button", { name: "Back up to the Berth server" }).click();
  await expect(panel.getByTestId("backup-notice")).toContainText(`Stored ${VOLUME}-`);
  await expect(panel.getByTestId("stored-backups").getByRole("listitem")).toHaveCount(1);
  await panel.getByLabel("Cron (server time; 5 fields, or 6 with seconds first)").fill("0 3 * * *");
  await panel.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(panel.getByTestId("backup-schedule")).toContainText("0 3 * * *, keeping 7");
  await page.screenshot({ path: `${SHOTS}/volume-backups.png`, fullPage: true });

  await panel.getByLabel("From").selectOption({ index: 1 });
  await panel.getByLabel("New volume name").fill("e2e-restored");
  await panel.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(page.getByRole("heading", { name: "e2e-restored" })).toBeVisible();
  await expect(page.getByTestId("file-table").getByRole("button", { name: /notes/ })).toBeVisible();
  const restored = docker([
    "run",
    "--rm",
    "-v",
    "e2e-restored:/d",
    IMAGE,
    "cat",
    "/d/notes/readme.txt",
  ]);
  expect(restored).toBe("Hello from the volume.\nSecond line.\n");
});

test("create a volume in the dialog; the engine's refusal shows next to the field", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("link", { name: "Volumes", exact: true }).click();
  await page.getByRole("button", { name: "Create volume" }).click();
  const dialog = page.getByTestId("create-volume-dialog");
  await dialog.getByLabel("Name (empty: the engine picks one)").fill("x");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.locator("#volume-name-error")).toContainText("The engine refused the volume");
  await page.screenshot({ path: `${SHOTS}/volume-create.png` });
  await dialog.getByLabel("Name (empty: the engine picks one)").fill("e2e-made");
  await dialog.getByLabel("Driver options").fill("type=tmpfs\ndevice=tmpfs\no=size=10m");
  await dialog.getByLabel("Labels").fill("team=e2e");
  await expect(dialog.locator("#volume-name-error")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("notice")).toContainText("Created the volume e2e-made");
  await expect(page.getByTestId("volume-row").filter({ hasText: "e2e-made" })).toContainText(
    "team=e2e",
  );
});
