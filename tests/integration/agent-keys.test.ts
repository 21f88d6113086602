import { copyFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgent, type AgentProcess } from "../harness/agent";
import { createUserSession, startStack, waitFor, type Stack } from "../harness/stack";
import type { TestSession } from "../harness/session";

/** A host admin revokes a host's agent key: the agent is cut off at once and stays out. */
let stack: Stack;
let hostId = "";
const extraAgents: AgentProcess[] = [];

async function online(session: TestSession): Promise<boolean | undefined> {
  const res = await session.fetch(`/api/hosts/${hostId}`);
  if (res.status !== 200) return undefined;
  return ((await res.json()) as { host: { online: boolean } }).host.online;
}

beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
  hostId = stack.hostIds[0]!;
}, 180_000);

afterAll(async () => {
  for (const agent of extraAgents) await agent.kill();
  await stack?.stop();
});

describe("agent keys", () => {
  it("refuses operators and strangers without touching the agent", async () => {
    const { session: operator } = await createUserSession(stack, "op@example.test", [
      { hostId, role: "OPERATOR" },
    ]);
    const { session: stranger } = await createUserSession(stack, "far@example.test", []);
    const { db } = await import("@/lib/db");
    const keyHash = async () =>
      (await db.host.findUniqueOrThrow({ where: { id: hostId } })).keyHash;
    const enrolledKey = await keyHash();
    expect(enrolledKey).toMatch(/^[0-9a-f]{64}$/);
    const op = await operator.fetch(`/api/hosts/${hostId}/agent/revoke`, { method: "POST" });
    expect(op.status).toBe(403);
    const far = await stranger.fetch(`/api/hosts/${hostId}/agent/reenroll`, { method: "POST" });
    expect(far.status).toBe(404);
    expect(await online(stack.admin)).toBe(true);
    expect(await keyHash()).toBe(enrolledKey);
    expect(await db.enrollmentToken.count({ where: { hostId, usedAt: null } })).toBe(0);
    const denied = await db.auditEvent.findMany({
      where: { hostId, action: { in: ["host.agent-key.revoke", "host.reenrollment.create"] } },
    });
    expect(denied.map((r) => r.outcome)).toEqual(["DENIED", "DENIED"]);
  });

  it("disconnects the agent at once and refuses its key afterwards", async () => {
    const agent = stack.agents[0]!;
    const oldState = path.join(stack.stateDir, "saved-old-key.json");
    await copyFile(path.join(stack.stateDir, `${stack.hosts[0]!.name}.json`), oldState);
    const res = await stack.admin.fetch(`/api/hosts/${hostId}/agent/revoke`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await online(stack.admin)).toBe(false);
    await agent.waitForOutput(/server refused this host's key/, 10_000);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await online(stack.admin)).toBe(false);
    await agent.kill();

    const { db } = await import("@/lib/db");
    const row = await db.auditEvent.findFirstOrThrow({
      where: { hostId, action: "host.agent-key.revoke", outcome: "SUCCESS" },
    });
    expect(row.actorLabel).toBe("root@example.test");

    // Re-enrolment gives the same host a new key; the old key stays refused.
    const issued = await stack.admin.fetch(`/api/hosts/${hostId}/agent/reenroll`, {
      method: "POST",
    });
    expect(issued.status).toBe(200);
    const { command } = (await issued.json()) as { command: string };
    const token = command.split(" ").at(-1)!;
    extraAgents.push(
      await startAgent({
        host: stack.hosts[0],
        serverUrl: stack.server.url,
        enrollToken: token,
        statePath: path.join(stack.stateDir, "new-key.json"),
      }),
    );
    await waitFor("re-enrolled host online", async () => (await online(stack.admin)) === true);
    expect(await db.host.count()).toBe(1);

    const stale = await startAgent({
      host: stack.hosts[0],
      serverUrl: stack.server.url,
      statePath: oldState,
    });
    extraAgents.push(stale);
    await stale.waitForOutput(/server refused this host's key/, 10_000);
    expect(await online(stack.admin)).toBe(true);
  });
});
