import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tarParts } from "@/lib/images/tar";
import { FakeAgent } from "../harness/fake-agent";
import { freePort } from "../harness/ports";
import { startTestPostgres, type TestPostgres } from "../harness/postgres";
import { startServer, type ServerProcess } from "../harness/server";
import { TestSession } from "../harness/session";

/**
 * What reaches a host's agent, and who may be that agent: attacks through the /agent namespace
 * and what the server hands an agent, probed with a socket.io client that speaks the agent's
 * side of the protocol (as someone holding a stolen key would).
 */
let pg: TestPostgres;
let server: ServerProcess;
let admin: TestSession;
const ADMIN = { email: "root@example.test", password: "a long enough password" };
const agents: FakeAgent[] = [];

/** A new host enrolled through the API: its id and key, as the agent's state file holds them. */
async function enrolHost(name: string): Promise<{ hostId: string; hostKey: string }> {
  const { createEnrollmentToken } = await import("@/lib/services/hosts/create-enrollment-token");
  const { token } = await createEnrollmentToken({ system: "test" }, { hostName: name });
  const res = await fetch(new URL("/api/agent/enroll", server.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, hostname: name, protocolVersion: 1, agentVersion: "test" }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { hostId: string; hostKey: string };
}

function fakeAgent(options: ConstructorParameters<typeof FakeAgent>[0]): FakeAgent {
  const agent = new FakeAgent(options);
  agents.push(agent);
  return agent;
}

async function post(session: TestSession, url: string, body: unknown) {
  return session.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  server = await startServer({ databaseUrl: pg.url, port: await freePort() });
  const { createFirstAdmin } = await import("@/lib/services/setup/create-first-admin");
  await createFirstAdmin({ token: await server.setupToken(), name: "Root", ...ADMIN });
  admin = new TestSession(server.url);
  expect(await admin.login(ADMIN.email, ADMIN.password)).toBe(true);
}, 120_000);

afterAll(async () => {
  for (const agent of agents) agent.close();
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  await server?.stop();
  await pg?.stop();
});

describe("what a host's agent is handed", () => {
  it("a build gets the credentials of the registries its Dockerfile pulls from, no others", async () => {
    const { hostId, hostKey } = await enrolHost("builder");
    const agent = fakeAgent({
      serverUrl: server.url,
      hostId,
      hostKey,
      reply: () => ({
        ok: true,
        result: { imageId: "sha256:1", tags: [], size: 0, layers: 0, cachedSteps: 0, steps: 1 },
      }),
    });
    await agent.connected();
    const registry = (name: string, port: number, password: string) =>
      post(admin, "/api/registries", {
        name,
        kind: "V2_BASIC",
        url: `http://127.0.0.1:${port}`,
        username: name,
        password,
      });
    expect((await registry("base", 5001, "base secret")).status).toBe(201);
    expect((await registry("tools", 5002, "tools secret")).status).toBe(201);
    expect((await registry("unrelated", 5003, "unrelated secret")).status).toBe(201);

    const dockerfile = [
      "ARG BASE=127.0.0.1:5001/team/base:1",
      "FROM --platform=linux/amd64 ${BASE} AS build",
      "FROM build",
      "COPY --from=127.0.0.1:5002/tools:2 /bin/tool /bin/tool",
      "",
    ].join("\n");
    const context = new Blob(
      tarParts([
        { path: "app.txt", data: new TextEncoder().encode("hello") },
        { path: "Dockerfile", data: new TextEncoder().encode(dockerfile) },
      ]) as BlobPart[],
    );
    const res = await admin.fetch(
      `/api/hosts/${hostId}/images/build?options=${encodeURIComponent(JSON.stringify({}))}`,
      { method: "POST", headers: { "content-type": "application/x-tar" }, body: context },
    );
    expect(res.status).toBe(200);
    const build = agent.commands.find((c) => c.command === "image.build");
    const auths = (build?.params as { auths: Array<{ serveraddress: string; password?: string }> })
      .auths;
    expect(auths.map((a) => a.serveraddress).sort()).toEqual(["127.0.0.1:5001", "127.0.0.1:5002"]);
    expect(JSON.stringify(build?.params)).not.toContain("unrelated secret");
    // The context reached the agent whole, though the server read into it.
    expect([...agent.uploads.values()]).toEqual([context.size]);
  });
});
