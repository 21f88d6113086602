import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { e2eEnv } from "./env";
import { expect, test } from "./fixtures";
import { SHOTS, signIn } from "./helpers";

// Runs after 01-first-run: the admin exists.
test.describe.configure({ mode: "serial" });

const SECRET = "e2e-signing-secret";
let receiver: Server;
let hookUrl = "";
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end("received by the e2e hook");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/berth`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

test("an admin adds a webhook channel, sends a test and finds it in the delivery log", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`${e2eEnv().baseUrl}/alerts/channels`);
  await expect(page.getByRole("link", { name: "Channels" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await page.getByRole("button", { name: "Add channel" }).click();
  const form = page.getByTestId("channel-form");
  await form.getByLabel("Name").fill("E2E hook");
  await form.locator("#channel-url").fill(hookUrl);
  await form.locator("#channel-secret").fill(SECRET);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toBeHidden();
  const row = page.getByTestId("channel-row").filter({ hasText: "E2E hook" });
  await expect(row).toContainText(hookUrl);
  await expect(row).toContainText("Nothing sent yet.");

  // edit it: the secret is set and not shown; a test with the stored secret is signed with it
  await row.getByRole("button", { name: "Edit" }).click();
  await expect(form.locator("#channel-secret")).toHaveValue("");
  await expect(form.locator("#channel-secret")).toHaveAttribute(
    "placeholder",
    "Set — leave empty to keep",
  );
  await form.getByRole("button", { name: "Send a test" }).click();
  await expect(form.getByTestId("channel-test-result")).toContainText(
    "Sent. The receiver answered 200: received by the e2e hook",
  );
  await page.screenshot({ path: `${SHOTS}/alert-channel-test.png`, fullPage: true });
  expect(received).toHaveLength(1);
  const got = received[0]!;
  const signature = createHmac("sha256", SECRET)
    .update(`${got.headers["x-berth-timestamp"] as string}.${got.body}`)
    .digest("hex");
  expect(got.headers["x-berth-signature"]).toBe(`sha256=${signature}`);
  expect(JSON.parse(got.body)).toMatchObject({ trigger: "test" });
  await form.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("link", { name: "Delivery log" }).click();
  await expect(page).toHaveURL(/\/alerts\/deliveries$/);
  const delivery = page.getByTestId("delivery-row").filter({ hasText: "E2E hook" });
  await expect(delivery).toHaveCount(1);
  await expect(delivery.getByTestId("delivery-status")).toHaveText("sent");
  await expect(delivery.getByTestId("delivery-response")).toHaveText("received by the e2e hook");
  await page.screenshot({ path: `${SHOTS}/alert-delivery-log.png`, fullPage: true });
});
