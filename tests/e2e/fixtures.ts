import { test as base, expect } from "@playwright/test";

/**
 * Every browser test also checks the Content-Security-Policy: a page that needs something the
 * policy blocks (an inline script without the nonce, eval, a foreign origin) fails its test.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await use(violations);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
