import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUSYBOX_IMAGE } from "../harness/hosts";
import type { TestSession } from "../harness/session";
import { createUserSession, startStack, type Stack } from "../harness/stack";

/**
 * Attacks on one host by users with a role on it, through the product's own entry points,
 * against a real engine and agent: each one was possible once and must stay refused.
 */
let stack: Stack;
let hostId = "";
let viewer: TestSession;

beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
  hostId = stack.hostIds[0]!;
  ({ session: viewer } = await createUserSession(stack, "viewer@example.test", [
    { hostId, role: "VIEWER" },
  ]));
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("a viewer", () => {
  it("cannot read an image's secret environment through a `docker save` download", async () => {
    const host = stack.hosts[0]!;
    await host.docker(["create", "--name", "secret-base", BUSYBOX_IMAGE]);
    await host.docker([
      "commit",
      "--change",
      "ENV SECRET_PASSWORD=hunter2",
      "secret-base",
      "secret-app:1",
    ]);
    const images = `/api/hosts/${hostId}/images`;
    // What a viewer may see: the inspect view masks the value.
    const inspect = await viewer.fetch(`${images}/inspect?ref=secret-app:1`);
    expect(inspect.status).toBe(200);
    expect(await inspect.text()).not.toContain("hunter2");
    // The tar holds the image config with the value in clear: it needs an operator.
    const saved = await viewer.fetch(`${images}/save?ref=secret-app:1`);
    const body = Buffer.from(await saved.arrayBuffer());
    expect(saved.status).toBe(403);
    expect(body.includes("hunter2")).toBe(false);
    const { db } = await import("@/lib/db");
    const row = await db.auditEvent.findFirstOrThrow({
      where: { action: "image.save", actorLabel: "viewer@example.test" },
    });
    expect(row.outcome).toBe("DENIED");
  });
});
