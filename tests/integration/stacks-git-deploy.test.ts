import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRepo,
  startGitHttp,
  startGitSshd,
  type GitHttpServer,
  type GitRepo,
  type GitSshd,
} from "../harness/git-server";
import { BUSYBOX_IMAGE, type SimHost } from "../harness/hosts";
import type { TestSession } from "../harness/session";
import { createUserSession, startStack, waitFor, type Stack } from "../harness/stack";

/**
 * Git-backed and template stacks through the whole product (HTTP → server → git server on
 * loopback → policy → agent → a real engine on a simulated host): a stack created from a private
 * repository over http with a token is fetched and deployed at its commit; a push and a webhook
 * call redeploy it at the new commit; a wrong webhook URL is a bare 404; a poll picks up a new
 * commit; a user who lost the role no longer redeploys through the webhook; a template stack's
 * secret value reaches the container but never a GET answer.
 */
const TOKEN = "tok-91b2c3d4e5f60718293a4b5c6d7e8f90";
const SECRET_VALUE = "s3cret-value-4f1d9a7c";
const root = mkdtempSync("/tmp/berth-stackwire-");
const catalogue = path.join(root, "templates.json");

let stack: Stack;
let host: SimHost;
let hostId: string;
let deployer: TestSession;
let deployerTeam: string;
let viewer: TestSession;
let gitHttp: GitHttpServer;
let sshd: GitSshd;
let repo: GitRepo;
let firstCommit: string;

type Detail = {
  row: { lastDeploy: { ok: boolean; commit: string | null; by: string | null } | null };
  files: Array<{ path: string; content: string }>;
  composeFiles: string[];
  git: { commit: string | null; lastFetchError: string | null; webhookPath: string | null } | null;
};

const siteFiles = (version: string) => ({
  "README.md": "# site\n",
  "deploy/compose.yaml": `services:\n  app:\n    image: ${BUSYBOX_IMAGE}\n    command: ["sleep", "3600"]\n    stop_signal: SIGKILL\n    environment:\n      VERSION: \${VERSION}\n`,
  "deploy/.env": `VERSION=${version}\n`,
});

function send(session: TestSession, url: string, method: string, body?: unknown) {
  return session.fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
}

async function ok<T>(res: Response, status = 200): Promise<T> {
  const body = (await res.json()) as T & { error?: { message: string } };
  expect(res.status, body.error?.message).toBe(status);
  return body;
}

const detailOf = async (session: TestSession, id: string) =>
  ok<Detail>(await session.fetch(`/api/stacks/${id}`));

async function envOf(container: string): Promise<string> {
  const out = await host.docker([
    "inspect",
    "--format",
    "{{range .Config.Env}}{{println .}}{{end}}",
    container,
  ]);
  return out.stdout;
}

/** The webhook is called as a git server calls it: no session, no cookie. */
const callHook = (webhookPath: string) =>
  fetch(new URL(webhookPath, stack.server.url), { method: "POST", body: "{}" });

beforeAll(async () => {
  writeFileSync(
    catalogue,
    JSON.stringify({
      templates: [
        {
          id: "worker",
          title: "Worker",
          description: "One container with an API token.",
          compose: `services:\n  worker:\n    image: ${BUSYBOX_IMAGE}\n    command: ["sleep", "3600"]\n    stop_signal: SIGKILL\n    environment:\n      API_TOKEN: \${API_TOKEN:?set API_TOKEN}\n      MODE: \${MODE}\n`,
          variables: [
            { name: "API_TOKEN", label: "API token", required: true, secret: true },
            { name: "MODE", label: "Mode", default: "fast" },
          ],
        },
      ],
    }),
  );
  repo = await createRepo(path.join(root, "repos"), "site");
  firstCommit = await repo.commit("main", siteFiles("1"));
  [stack, gitHttp, sshd] = await Promise.all([
    startStack({
      hosts: 1,
      env: { BERTH_GIT_POLL_TICK_MS: "200", BERTH_STACK_TEMPLATES: catalogue },
    }),
    startGitHttp(path.join(root, "repos"), TOKEN),
    startGitSshd(path.join(root, "sshd")),
  ]);
  host = stack.hosts[0]!;
  hostId = stack.hostIds[0]!;
  const made = await createUserSession(stack, "git-dep@example.test", [
    { hostId, role: "DEPLOYER" },
  ]);
  deployer = made.session;
  deployerTeam = made.teamId;
  viewer = (await createUserSession(stack, "git-view@example.test", [{ hostId, role: "VIEWER" }]))
    .session;
}, 180_000);

afterAll(async () => {
  await gitHttp?.close();
  await sshd?.stop();
  await stack?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("git-backed stacks", () => {
  let id: string;
  let webhookPath: string;
  const git = () => ({
    url: `${gitHttp.url}site.git`,
    branch: "main",
    path: "deploy/compose.yaml",
    auth: "token",
    secret: TOKEN,
    pollSeconds: 60,
  });

  it("refuses a wrong token, naming the git field, and saves nothing", async () => {
    const res = await send(deployer, "/api/stacks", "POST", {
      hostId,
      name: "site-bad",
      git: { ...git(), secret: "not-the-token" },
      deploy: false,
    });
    const body = (await res.json()) as { error: { field?: string; message: string } };
    expect(res.status).toBe(403);
    expect(body.error.field).toBe("git.auth");
    expect(body.error.message).not.toContain("not-the-token");
    const { db } = await import("@/lib/db");
    expect(await db.stack.count({ where: { name: "site-bad" } })).toBe(0);
  });

  it("fetches the compose file's folder over http with a token and deploys its commit", async () => {
    const first = (await ok<{ id: string; webhookPath?: string }>(
      await send(deployer, "/api/stacks", "POST", {
        hostId,
        name: "site",
        files: [],
        composeFiles: ["deploy/compose.yaml"],
        git: git(),
        deploy: true,
      }),
      201,
    )) as { id: string; webhookPath?: string; deployError?: { message: string } };
    expect(first.deployError).toBeUndefined();
    id = first.id;
    expect(first.webhookPath).toMatch(/^\/api\/stacks\/hooks\/[A-Za-z0-9_-]{43}$/);
    webhookPath = first.webhookPath!;
    const commit = firstCommit;
    const detail = await detailOf(deployer, id);
    expect(detail.files.map((f) => f.path).sort()).toEqual([".env", "compose.yaml"]);
    expect(detail.composeFiles).toEqual(["compose.yaml"]);
    expect(detail.git).toMatchObject({ commit, lastFetchError: null, webhookPath });
    expect(detail.row.lastDeploy).toMatchObject({ ok: true, commit, by: "git-dep@example.test" });
    expect(await envOf("site-app-1")).toContain("VERSION=1");
    // the token never leaves the server; the webhook URL is for those who may deploy
    expect(JSON.stringify(detail)).not.toContain(TOKEN);
    const seen = await detailOf(viewer, id);
    expect(seen.git?.webhookPath).toBeNull();
    expect(JSON.stringify(seen)).not.toContain(webhookPath.split("/").at(-1));
  });

  it("answers a wrong webhook secret with a bare 404", async () => {
    for (const secret of ["x".repeat(43), "nope"]) {
      const res = await callHook(`/api/stacks/hooks/${secret}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/stack|site/i);
    }
  });

  it("redeploys at the new commit when the webhook is called after a push", async () => {
    const commit = await repo.commit("main", siteFiles("2"), "version 2");
    const res = await callHook(webhookPath);
    expect(res.status).toBe(202);
    const detail = await waitFor(
      "the webhook's redeploy",
      async () => {
        const d = await detailOf(deployer, id);
        return d.row.lastDeploy?.commit === commit ? d : null;
      },
      60_000,
    );
    expect(detail.row.lastDeploy).toMatchObject({ ok: true, by: "webhook" });
    expect(detail.git?.commit).toBe(commit);
    expect(await envOf("site-app-1")).toContain("VERSION=2");
    const { db } = await import("@/lib/db");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "stack.deploy", target: "site", actorLabel: "webhook" },
      orderBy: { id: "desc" },
    });
    expect(audit.outcome).toBe("SUCCESS");
    expect(audit.params).toMatchObject({ trigger: "webhook", commit, as: "git-dep@example.test" });
    expect(JSON.stringify([audit.params, audit.error])).not.toContain(
      webhookPath.split("/").at(-1),
    );
  });

  it("redeploys a new commit found by a poll", async () => {
    const commit = await repo.commit("main", siteFiles("3"), "version 3");
    const { db } = await import("@/lib/db");
    // as if the poll interval had passed
    await db.stack.update({ where: { id }, data: { nextPollAt: new Date(Date.now() - 1000) } });
    const detail = await waitFor(
      "the poll's redeploy",
      async () => {
        const d = await detailOf(deployer, id);
        return d.row.lastDeploy?.commit === commit ? d : null;
      },
      60_000,
    );
    expect(detail.row.lastDeploy).toMatchObject({ ok: true, by: "poll" });
    expect(await envOf("site-app-1")).toContain("VERSION=3");
    const row = await db.stack.findUniqueOrThrow({ where: { id } });
    // claimed one interval on
    expect(row.nextPollAt!.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });

  it("does not redeploy for a user who lost the role that saved the git settings", async () => {
    const { db } = await import("@/lib/db");
    await db.hostAccess.updateMany({ where: { teamId: deployerTeam }, data: { role: "VIEWER" } });
    try {
      const deployed = (await detailOf(viewer, id)).row.lastDeploy?.commit;
      await repo.commit("main", siteFiles("4"), "version 4");
      expect((await callHook(webhookPath)).status).toBe(202);
      const refused = await waitFor(
        "the refused redeploy",
        () =>
          db.auditEvent.findFirst({
            where: {
              action: "stack.deploy",
              target: "site",
              actorLabel: "webhook",
              outcome: "DENIED",
            },
          }),
        30_000,
      );
      expect(refused.error).toContain("git-dep@example.test");
      expect((await detailOf(viewer, id)).row.lastDeploy?.commit).toBe(deployed);
      expect(await envOf("site-app-1")).toContain("VERSION=3");
    } finally {
      await db.hostAccess.updateMany({
        where: { teamId: deployerTeam },
        data: { role: "DEPLOYER" },
      });
    }
  });

  it("pulls and redeploys on a deployer's deploy, and a new webhook URL replaces the old one", async () => {
    const head = await repo.commit("main", siteFiles("5"), "version 5");
    await ok(await send(deployer, `/api/stacks/${id}/deploy`, "POST", {}));
    const detail = await detailOf(deployer, id);
    expect(detail.row.lastDeploy).toMatchObject({
      ok: true,
      commit: head,
      by: "git-dep@example.test",
    });
    expect(await envOf("site-app-1")).toContain("VERSION=5");

    const { webhookPath: renewed } = await ok<{ webhookPath: string }>(
      await send(deployer, `/api/stacks/${id}/webhook`, "POST", {}),
    );
    expect(renewed).not.toBe(webhookPath);
    expect((await detailOf(deployer, id)).git?.webhookPath).toBe(renewed);
    expect((await callHook(webhookPath)).status).toBe(404);
    expect((await callHook(renewed)).status).toBe(202);
    expect((await send(viewer, `/api/stacks/${id}/webhook`, "POST", {})).status).toBe(403);
  });

  it("fetches over ssh with a key, pins the host key it was shown and keeps the key sealed", async () => {
    const created = await ok<{ id: string }>(
      await send(deployer, "/api/stacks", "POST", {
        hostId,
        name: "site-ssh",
        git: {
          url: sshd.urlOf(repo),
          branch: "main",
          path: "deploy/compose.yaml",
          auth: "ssh",
          secret: sshd.privateKey,
        },
        deploy: false,
      }),
      201,
    );
    const detail = await detailOf(deployer, created.id);
    expect(detail.git?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(detail.files.map((f) => f.path).sort()).toEqual([".env", "compose.yaml"]);
    expect(JSON.stringify(detail)).not.toContain(sshd.privateKey.split("\n")[1]);
    const { db } = await import("@/lib/db");
    const row = await db.stack.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.gitKnownHost).toBe(sshd.hostKey);
    expect(row.gitSecretSealed).not.toContain(sshd.privateKey.split("\n")[1]);
  });
});

describe("template stacks", () => {
  it("lists the administrator's catalogue without the server's paths", async () => {
    const res = await viewer.fetch("/api/stacks/templates");
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain(root);
    const { templates } = JSON.parse(text) as { templates: Array<{ id: string }> };
    expect(templates.map((t) => t.id)).toEqual(["worker"]);
  });

  it("deploys a filled-in template; its secret value reaches the container, never an answer", async () => {
    const created = await ok<{ id: string; deployError?: { message: string } }>(
      await send(deployer, "/api/stacks", "POST", {
        hostId,
        name: "worker",
        templateId: "worker",
        variables: { API_TOKEN: SECRET_VALUE },
        deploy: true,
      }),
      201,
    );
    expect(created.deployError).toBeUndefined();
    const env = await envOf("worker-worker-1");
    expect(env).toContain(`API_TOKEN=${SECRET_VALUE}`);
    expect(env).toContain("MODE=fast");
    // a redeploy passes the sealed value again
    await ok(
      await send(deployer, `/api/stacks/${created.id}/deploy`, "POST", { forceRecreate: true }),
    );
    expect(await envOf("worker-worker-1")).toContain(`API_TOKEN=${SECRET_VALUE}`);
    for (const session of [deployer, viewer]) {
      expect(await (await session.fetch(`/api/stacks/${created.id}`)).text()).not.toContain(
        SECRET_VALUE,
      );
      expect(await (await session.fetch("/api/stacks")).text()).not.toContain(SECRET_VALUE);
    }
    const { db } = await import("@/lib/db");
    const audits = await db.auditEvent.findMany({
      where: { target: "worker" },
      select: { params: true, error: true },
    });
    expect(audits.length).toBeGreaterThan(0);
    expect(JSON.stringify(audits)).not.toContain(SECRET_VALUE);
  });
});
