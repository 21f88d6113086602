import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BerthError, ComposeSourceSchema } from "@/lib/protocol";
import { fetchStackFiles } from "@/lib/stacks/git/fetch-stack-files";
import { lsRemote } from "@/lib/stacks/git/ls-remote";
import {
  createRepo,
  otherHostKey,
  startGitHttp,
  startGitSshd,
  type GitHttpServer,
  type GitRepo,
  type GitSshd,
} from "../harness/git-server";
import { runCommand } from "../harness/hosts";
import { freePort } from "../harness/ports";

/**
 * Git-backed stacks against real git servers on loopback: `git http-backend` behind Basic auth
 * with a token, and sshd with a key. Files are fetched at a branch and a path, as the server
 * does before a deploy and when a webhook or a poll finds a new commit.
 */
const TOKEN = "tok-7f3a9c1e5b2d4f60a8e1c3b5d7f9a2c4";
const root = mkdtempSync("/tmp/berth-stackgit-");
const repos = path.join(root, "repos");
const dataDir = path.join(root, "data");
let httpServer: GitHttpServer;
let sshd: GitSshd;
let app: GitRepo;
let appCommit: string;

const COMPOSE = "services:\n  web:\n    image: nginx:1.27\n    ports: ['8080:80']\n";
const NGINX_CONF = "server { listen 80; }\n";

async function refusal(promise: Promise<unknown>): Promise<BerthError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof BerthError)) throw new Error(`expected a BerthError, got ${String(err)}`);
  return err;
}

beforeAll(async () => {
  app = await createRepo(repos, "app");
  appCommit = await app.commit("main", {
    "README.md": "# app\n",
    "apps/web/compose.yaml": COMPOSE,
    "apps/web/.env": "TAG=1.27\n",
    "apps/web/conf/nginx.conf": NGINX_CONF,
    "apps/web/conf/current.conf": { symlink: "nginx.conf" },
    "apps/web/shared": { symlink: "conf" },
    "apps/other/compose.yaml": "services:\n  other:\n    image: busybox\n",
  });
  httpServer = await startGitHttp(repos, TOKEN);
  sshd = await startGitSshd(path.join(root, "sshd"));
});

afterAll(async () => {
  await httpServer?.close();
  await sshd?.stop();
  rmSync(root, { recursive: true, force: true });
});

const token = { kind: "token" as const, token: TOKEN };

describe("over https with a token", () => {
  it("fetches the compose file's folder at a branch, links replaced by what they point to", async () => {
    const fetched = await fetchStackFiles({
      dataDir,
      url: `${httpServer.url}app.git`,
      branch: "main",
      path: "apps/web/compose.yaml",
      auth: token,
    });
    expect(fetched.commit).toBe(appCommit);
    expect(fetched.composeFile).toBe("compose.yaml");
    expect(fetched.hostKey).toBeNull();
    const files = Object.fromEntries(fetched.files.map((f) => [f.path, f.content]));
    expect(files).toEqual({
      "compose.yaml": COMPOSE,
      ".env": "TAG=1.27\n",
      "conf/nginx.conf": NGINX_CONF,
      "conf/current.conf": NGINX_CONF,
      "shared/nginx.conf": NGINX_CONF,
      "shared/current.conf": NGINX_CONF,
    });
    // what the server sends to the agent
    ComposeSourceSchema.parse({
      project: "web",
      files: fetched.files,
      composeFiles: [fetched.composeFile],
    });
    // the token went as a header, and the scratch clone is gone
    expect(httpServer.requests.at(-1)?.authorization).toMatch(/^Basic /);
    expect(readdirSync(path.join(dataDir, "git"))).toEqual([]);
  });

  it("keeps the token out of every git command line", async () => {
    // a git first in PATH that records its arguments, then runs the real one
    const bin = path.join(root, "bin");
    const log = path.join(root, "git-argv.log");
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      path.join(bin, "git"),
      `#!/bin/sh\nprintf '%s\\n' "$*" >> ${log}\nexec /usr/bin/git "$@"\n`,
      { mode: 0o755 },
    );
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved}`;
    try {
      await fetchStackFiles({
        dataDir,
        url: `${httpServer.url}app.git`,
        branch: "main",
        path: "apps/web/compose.yaml",
        auth: token,
      });
    } finally {
      process.env.PATH = saved;
    }
    const argv = readFileSync(log, "utf8");
    expect(argv).toContain(`fetch --depth=1 --no-tags --quiet -- ${httpServer.url}app.git`);
    expect(argv).not.toContain(TOKEN);
    expect(argv).not.toContain(Buffer.from(`git:${TOKEN}`).toString("base64"));
  });

  it("reads no git repository the data dir sits in (as ./data in Berth's own checkout)", async () => {
    const checkout = path.join(root, "checkout");
    mkdirSync(checkout);
    await runCommand("git", ["init", "--quiet", checkout]);
    // a setting of that repository that would send every fetch elsewhere
    await runCommand("git", [
      "-C",
      checkout,
      "config",
      `url.http://127.0.0.1:${await freePort()}/.insteadOf`,
      httpServer.url,
    ]);
    const { commit } = await lsRemote({
      dataDir: path.join(checkout, "data"),
      url: `${httpServer.url}app.git`,
      branch: "main",
      auth: token,
    });
    expect(commit).toBe(appCommit);
  });

  it("fetches another branch and a compose file at the repository's root", async () => {
    const commit = await app.commit("release", {
      "compose.yaml": "services:\n  api:\n    image: busybox\n",
      Dockerfile: "FROM busybox\n",
    });
    const fetched = await fetchStackFiles({
      dataDir,
      url: `${httpServer.url}app.git`,
      branch: "release",
      path: "./compose.yaml",
      auth: token,
    });
    expect(fetched.commit).toBe(commit);
    expect(fetched.files.map((f) => f.path).sort()).toEqual(["Dockerfile", "compose.yaml"]);
  });

  it("refuses a wrong token in words, without the token in the message", async () => {
    const wrong = "wrong-token-0123456789abcdef";
    const err = await refusal(
      fetchStackFiles({
        dataDir,
        url: `${httpServer.url}app.git`,
        branch: "main",
        path: "apps/web/compose.yaml",
        auth: { kind: "token", token: wrong },
      }),
    );
    expect(err.code).toBe("FORBIDDEN");
    expect(err.field).toBe("git.auth");
    expect(err.message).toMatch(/refused the credentials/);
    expect(err.message).not.toContain(wrong);
    expect(err.message).not.toContain(Buffer.from(`git:${wrong}`).toString("base64"));
    const none = await refusal(
      lsRemote({
        dataDir,
        url: `${httpServer.url}app.git`,
        branch: "main",
        auth: { kind: "none" },
      }),
    );
    expect(none.code).toBe("FORBIDDEN");
  });

  it("says which branch, path or repository does not exist", async () => {
    const base = { dataDir, url: `${httpServer.url}app.git`, auth: token };
    const branch = await refusal(
      fetchStackFiles({ ...base, branch: "nope", path: "apps/web/compose.yaml" }),
    );
    expect([branch.code, branch.field]).toEqual(["NOT_FOUND", "git.branch"]);
    expect(branch.message).toContain("The branch nope does not exist");

    const file = await refusal(
      fetchStackFiles({ ...base, branch: "main", path: "apps/web/docker-compose.yml" }),
    );
    expect([file.code, file.field]).toEqual(["NOT_FOUND", "git.path"]);
    expect(file.message).toContain(
      `There is no file apps/web/docker-compose.yml in branch main (commit ${appCommit.slice(0, 12)})`,
    );

    const folder = await refusal(
      fetchStackFiles({ ...base, branch: "main", path: "apps/api/compose.yaml" }),
    );
    expect(folder.message).toContain("There is no folder apps/api");

    const repo = await refusal(
      fetchStackFiles({
        ...base,
        url: `${httpServer.url}missing.git`,
        branch: "main",
        path: "compose.yaml",
      }),
    );
    expect([repo.code, repo.field]).toEqual(["NOT_FOUND", "git.url"]);

    const lsBranch = await refusal(lsRemote({ ...base, branch: "nope" }));
    expect([lsBranch.code, lsBranch.field]).toEqual(["NOT_FOUND", "git.branch"]);
  });

  it("says when the git server cannot be reached", async () => {
    const port = await freePort();
    const err = await refusal(
      lsRemote({ dataDir, url: `http://127.0.0.1:${port}/app.git`, branch: "main", auth: token }),
    );
    expect([err.code, err.field]).toEqual(["ENGINE_UNAVAILABLE", "git.url"]);
    expect(err.message).toContain("could not be reached");
  });

  it("gives up on a git server that never answers, at the timeout", async () => {
    const silent = net.createServer(() => {
      /* accepts and says nothing */
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const started = Date.now();
      const err = await refusal(
        fetchStackFiles({
          dataDir,
          url: `http://127.0.0.1:${port}/app.git`,
          branch: "main",
          path: "compose.yaml",
          auth: token,
          timeoutMs: 1500,
        }),
      );
      expect([err.code, err.field]).toEqual(["TIMEOUT", "git.url"]);
      expect(err.message).toContain("did not answer in time");
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      silent.close();
    }
  });

  it("refuses a folder whose link leaves it, a binary file and files over the size cap", async () => {
    const repo = await createRepo(repos, "bad");
    await repo.commit("escape", {
      "stack/compose.yaml": COMPOSE,
      "stack/secrets.env": { symlink: "../private/keys.env" },
      "private/keys.env": "KEY=1\n",
    });
    await repo.commit("absolute", {
      "stack/compose.yaml": COMPOSE,
      "stack/passwd": { symlink: "/etc/passwd" },
    });
    await repo.commit("binary", {
      "stack/compose.yaml": COMPOSE,
      "stack/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
    });
    await repo.commit("big", {
      "stack/compose.yaml": COMPOSE,
      "stack/data/seed.sql": "x".repeat(1024 * 1024),
      "stack/data/more.sql": "y".repeat(600 * 1024),
    });
    const base = {
      dataDir,
      url: `${httpServer.url}bad.git`,
      path: "stack/compose.yaml",
      auth: token,
    };

    const escape = await refusal(fetchStackFiles({ ...base, branch: "escape" }));
    expect([escape.code, escape.field]).toEqual(["BAD_REQUEST", "git.path"]);
    expect(escape.message).toContain(
      "secrets.env is a symbolic link to ../private/keys.env, outside the stack's folder stack/",
    );

    const absolute = await refusal(fetchStackFiles({ ...base, branch: "absolute" }));
    expect(absolute.message).toContain("passwd is a symbolic link to /etc/passwd, outside");

    const binary = await refusal(fetchStackFiles({ ...base, branch: "binary" }));
    expect(binary.message).toContain("logo.png is a binary file");

    const big = await refusal(fetchStackFiles({ ...base, branch: "big" }));
    expect(big.message).toMatch(
      /The files under stack\/ hold 1\.6 MiB; .* at most 1\.5 MiB\. Largest: data\/seed\.sql \(1\.0 MiB\)/,
    );
  });

  it("lsRemote sees a new commit once it is pushed", async () => {
    const repo = await createRepo(repos, "polled");
    const first = await repo.commit("main", { "compose.yaml": COMPOSE });
    const ask = () =>
      lsRemote({ dataDir, url: `${httpServer.url}polled.git`, branch: "main", auth: token });
    expect((await ask()).commit).toBe(first);
    const second = await repo.commit("main", { "compose.yaml": `${COMPOSE}# v2\n` });
    expect(second).not.toBe(first);
    expect((await ask()).commit).toBe(second);
  });
});

describe("over ssh with a key", () => {
  it("fetches on first use and returns the host key to pin", async () => {
    const fetched = await fetchStackFiles({
      dataDir,
      url: sshd.urlOf(app),
      branch: "main",
      path: "apps/other/compose.yaml",
      auth: { kind: "ssh", privateKey: sshd.privateKey, hostKey: null },
    });
    expect(fetched.commit).toBe(appCommit);
    expect(fetched.files).toEqual([
      { path: "compose.yaml", content: "services:\n  other:\n    image: busybox\n" },
    ]);
    expect(fetched.hostKey).toBe(sshd.hostKey);
  });

  it("polls with the pinned key and refuses a changed host key", async () => {
    const url = sshd.urlOf(app);
    const pinned = await lsRemote({
      dataDir,
      url,
      branch: "main",
      auth: { kind: "ssh", privateKey: sshd.privateKey, hostKey: sshd.hostKey },
    });
    expect(pinned.commit).toBe(appCommit);

    const changed = await refusal(
      lsRemote({
        dataDir,
        url,
        branch: "main",
        auth: { kind: "ssh", privateKey: sshd.privateKey, hostKey: await otherHostKey(root) },
      }),
    );
    expect([changed.code, changed.field]).toEqual(["CONFLICT", "git.hostKey"]);
    expect(changed.message).toContain("The SSH host key of 127.0.0.1 has changed");
  });

  it("signs in with a key that has a passphrase, and says when the passphrase is wrong", async () => {
    const passphrase = "correct horse battery";
    const privateKey = await sshd.authorizeKey(passphrase);
    const url = sshd.urlOf(app);
    const ok = await lsRemote({
      dataDir,
      url,
      branch: "main",
      auth: { kind: "ssh", privateKey, passphrase, hostKey: sshd.hostKey },
    });
    expect(ok.commit).toBe(appCommit);
    const wrong = await refusal(
      lsRemote({
        dataDir,
        url,
        branch: "main",
        auth: { kind: "ssh", privateKey, passphrase: "wrong passphrase", hostKey: sshd.hostKey },
      }),
    );
    expect([wrong.code, wrong.field]).toEqual(["BAD_REQUEST", "git.auth"]);
    expect(wrong.message).toContain("The private key could not be read");
    expect(wrong.message).not.toContain("wrong passphrase");
  });

  it("refuses a key the server does not accept", async () => {
    const keyFile = path.join(root, "stranger");
    await runCommand("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", keyFile]);
    const err = await refusal(
      lsRemote({
        dataDir,
        url: sshd.urlOf(app),
        branch: "main",
        auth: { kind: "ssh", privateKey: readFileSync(keyFile, "utf8"), hostKey: sshd.hostKey },
      }),
    );
    expect([err.code, err.field]).toEqual(["FORBIDDEN", "git.auth"]);
    const branch = await refusal(
      fetchStackFiles({
        dataDir,
        url: sshd.urlOf(app),
        branch: "gone",
        path: "compose.yaml",
        auth: { kind: "ssh", privateKey: sshd.privateKey, hostKey: sshd.hostKey },
      }),
    );
    expect([branch.code, branch.field]).toEqual(["NOT_FOUND", "git.branch"]);
  });
});
