import { expect, test } from "./fixtures";
import { e2eEnv } from "./env";
import { ADMIN, SHOTS, signIn, submitLogin } from "./helpers";

// Runs after 01: the admin exists.
test.describe.configure({ mode: "serial" });

test.afterAll(async () => {
  process.env.DATABASE_URL = e2eEnv().databaseUrl;
  const { db, disconnectDb } = await import("@/lib/db");
  // The lockout test's failures came from the loopback address every browser test shares.
  await db.loginFailure.deleteMany();
  await disconnectDb();
});

test("pages carry a strict Content-Security-Policy with a fresh nonce and the other headers", async ({
  page,
}) => {
  const first = await page.goto(`${e2eEnv().baseUrl}/login`);
  const second = await page.goto(`${e2eEnv().baseUrl}/login`);
  const csp = first!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  const nonce = (h: string) => /'nonce-([^']+)'/.exec(h)?.[1];
  expect(nonce(second!.headers()["content-security-policy"]!)).not.toBe(nonce(csp));
  expect(first!.headers()["x-frame-options"]).toBe("DENY");
  expect(first!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first!.headers()["referrer-policy"]).toBe("same-origin");
  // Next's inline scripts carry the nonce, so the page is interactive under the policy.
  await page.getByLabel("Email").fill("x");
  await expect(page.getByLabel("Email")).toHaveValue("x");
});

test("a state-changing request from another site is refused, the same request from Berth is not", async ({
  page,
}) => {
  await signIn(page);
  const url = `${e2eEnv().baseUrl}/api/hosts/no-such-host/containers/none/restart`;
  const foreign = await page.request.post(url, {
    headers: { origin: "http://attacker.example", "sec-fetch-site": "cross-site" },
    data: {},
  });
  expect(foreign.status()).toBe(403);
  expect(((await foreign.json()) as { error: { message: string } }).error.message).toBe(
    "This request came from another site and was refused.",
  );
  // From the page itself the request reaches the guard, which knows no such host.
  const own = await page.evaluate(async (target) => {
    const res = await fetch(target, { method: "POST", body: "{}" });
    return res.status;
  }, url);
  expect(own).toBe(404);
});

test("a server action posted from another site is refused", async ({ page }) => {
  await signIn(page);
  const res = await page.request.post(`${e2eEnv().baseUrl}/hosts`, {
    headers: { origin: "http://attacker.example", "next-action": "0".repeat(40) },
    data: "[]",
  });
  expect(res.status()).toBe(403);
});

test("API tokens: create one, see it once, use it, revoke it", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Give the token a name.")).toBeVisible();
  await page.getByLabel("Name").fill("deploy script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^berth_/);
  await page.screenshot({ path: `${SHOTS}/api-tokens.png`, fullPage: true });

  const hosts = await page.request.get(`${e2eEnv().baseUrl}/api/v1/hosts`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(hosts.status()).toBe(200);

  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  const row = page.getByTestId("token-row").filter({ hasText: "deploy script" });
  await expect(row).toContainText("active");
  await expect(row).not.toContainText("never"); // used once: a last-used time is shown
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  const after = await page.request.get(`${e2eEnv().baseUrl}/api/v1/hosts`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(after.status()).toBe(401);
});

test("the host page offers host admins the agent key controls", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "edge-01" }).first().click();
  const panel = page.getByTestId("agent-key-panel");
  await expect(panel).toContainText("The agent signs in with its own key");
  await panel.getByRole("button", { name: "Revoke agent key" }).click();
  await expect(page.getByRole("dialog")).toContainText("Revoke this host's agent key?");
  await page.screenshot({ path: `${SHOTS}/agent-key-revoke.png` });
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("after signing in, the browser stays on Berth whatever callbackUrl says", async ({ page }) => {
  const { baseUrl } = e2eEnv();
  const origin = new URL(baseUrl).origin;
  // Each of these once led the browser to http://evil.com/ (a browser reads \ and a tab in a
  // path as the start of another host); they now lead to the start page.
  for (const callbackUrl of ["/%5Cevil.com", "/%5C%5Cevil.com/x", "/%09/evil.com"]) {
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/login?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page, callbackUrl).toHaveURL(`${origin}/hosts`);
  }
  // A page of Berth's own is where the user goes.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login?callbackUrl=${encodeURIComponent("/images")}`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${origin}/images`);
});

test("the login form tells a locked-out user when to try again", async ({ page }) => {
  await page.goto(`${e2eEnv().baseUrl}/login`);
  for (let i = 0; i < 10; i += 1) {
    await submitLogin(page, ADMIN.email, `wrong password ${i}`);
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
  }
  await submitLogin(page, ADMIN.email, ADMIN.password);
  await expect(page.getByText("Too many attempts, try again in 15 minutes.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await page.screenshot({ path: `${SHOTS}/login-locked.png` });
});
