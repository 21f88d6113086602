/**
 * Git servers on loopback for tests of git-backed stacks:
 * - `startGitHttp`: Debian's `git http-backend` (CGI) behind a Node HTTP server that asks for
 *   Basic auth with a token (any user name), as hosted git services do;
 * - `startGitSshd`: OpenSSH's sshd on 127.0.0.1 with one authorised key, serving
 *   `git-upload-pack` for repositories by absolute path. It runs in a mount namespace of its own
 *   with a private /run (sshd wants /run/sshd; the machine's /run stays untouched).
 * Repositories are bare folders under a root; `GitRepo.commit` writes files (text, bytes or
 * symbolic links) to a branch and pushes them there.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { runCommand } from "./hosts";
import { freePort } from "./ports";

const HTTP_BACKEND = "/usr/lib/git-core/git-http-backend";
const SSHD = "/usr/sbin/sshd";
const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
};

function git(args: string[], cwd?: string) {
  return runCommand("git", cwd ? ["-C", cwd, ...args] : args, { env: GIT_ENV });
}

export type RepoEntry = string | Buffer | { symlink: string };

export interface GitRepo {
  /** Absolute path of the bare repository. */
  dir: string;
  /** Replaces the branch's files with these (paths relative to the root) and pushes; the commit. */
  commit(branch: string, files: Record<string, RepoEntry>, message?: string): Promise<string>;
}

/** A bare repository `name.git` under `root`. */
export async function createRepo(root: string, name: string): Promise<GitRepo> {
  const dir = path.join(root, `${name}.git`);
  await git(["init", "--bare", "--quiet", dir]);
  return {
    dir,
    async commit(branch, files, message = "change") {
      const work = mkdtempSync(path.join(root, "work-"));
      try {
        await git(["init", "--quiet", "-b", branch], work);
        for (const [file, entry] of Object.entries(files)) {
          const target = path.join(work, file);
          mkdirSync(path.dirname(target), { recursive: true });
          if (typeof entry === "object" && !Buffer.isBuffer(entry))
            symlinkSync(entry.symlink, target);
          else writeFileSync(target, entry);
        }
        await git(["add", "--all"], work);
        await git(["commit", "--quiet", "--allow-empty", "-m", message], work);
        await git(["push", "--quiet", "--force", dir, `HEAD:refs/heads/${branch}`], work);
        return (await git(["rev-parse", "HEAD"], work)).stdout.trim();
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  };
}

export interface GitHttpServer {
  /** http://127.0.0.1:<port>/ ; a repository is at `${url}<name>.git`. */
  url: string;
  /** Requests seen, for asserting what reached the server. */
  requests: { path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/**
 * Serves the bare repositories under `root` over smart HTTP. Every request must carry
 * `Authorization: Basic <any user>:<token>`; others get 401 like a private repository.
 */
export async function startGitHttp(root: string, token: string): Promise<GitHttpServer> {
  const requests: GitHttpServer["requests"] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push({ path: url.pathname, authorization: req.headers.authorization });
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const presented = basic
      ? Buffer.from(basic, "base64").toString("utf8").split(":").slice(1).join(":")
      : null;
    if (presented !== token) {
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"' });
      res.end("Authentication required\n");
      return;
    }
    const cgi = spawn(HTTP_BACKEND, [], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: "1",
        GIT_CONFIG_NOSYSTEM: "1",
        REQUEST_METHOD: req.method ?? "GET",
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.replace(/^\?/, ""),
        CONTENT_TYPE: req.headers["content-type"] ?? "",
        HTTP_CONTENT_ENCODING: req.headers["content-encoding"] ?? "",
        GIT_PROTOCOL: String(req.headers["git-protocol"] ?? ""),
        REMOTE_USER: "test",
        REMOTE_ADDR: "127.0.0.1",
      },
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersSent = false;
    cgi.stdout.on("data", (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      let status = 200;
      for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === "status") status = Number(value.split(" ")[0]);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      headersSent = true;
      res.write(head.subarray(end + 4));
    });
    cgi.on("close", () => {
      if (!headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface GitSshd {
  port: number;
  /** The login user (root: the tests run as root). */
  user: string;
  /** An authorised private key (OpenSSH format, no passphrase). */
  privateKey: string;
  /** The host key as "ssh-ed25519 AAAA…", what a client pins. */
  hostKey: string;
  /** `ssh://root@127.0.0.1:<port><repo dir>` */
  urlOf(repo: GitRepo): string;
  /** A new authorised key, encrypted with `passphrase` (OpenSSH format). */
  authorizeKey(passphrase: string): Promise<string>;
  stop(): Promise<void>;
}

async function keygen(file: string, passphrase = ""): Promise<void> {
  await runCommand("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", "", "-f", file]);
}

/** sshd on 127.0.0.1 serving git over ssh to one key; its files live in `dir`. */
export async function startGitSshd(dir: string): Promise<GitSshd> {
  mkdirSync(dir, { recursive: true });
  const hostKeyFile = path.join(dir, "host_ed25519");
  const clientKey = path.join(dir, "client_ed25519");
  await keygen(hostKeyFile);
  await keygen(clientKey);
  writeFileSync(path.join(dir, "authorized_keys"), readFileSync(`${clientKey}.pub`));
  const port = await freePort();
  const config = path.join(dir, "sshd_config");
  writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKeyFile}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PubkeyAuthentication yes",
      `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
      "AcceptEnv GIT_PROTOCOL",
      "StrictModes no",
      "UsePAM no",
      "UseDNS no",
      "",
    ].join("\n"),
  );
  const log = openSync(path.join(dir, "sshd.log"), "a");
  const child = spawn(
    "unshare",
    [
      "--mount",
      "--propagation",
      "private",
      "--",
      "/bin/sh",
      "-c",
      `set -e; mount -t tmpfs -o mode=0755 tmpfs /run; mkdir -p /run/sshd; exec ${SSHD} -D -e -f ${config}`,
    ],
    { stdio: ["ignore", log, log], detached: true },
  );
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start sshd");
  child.unref();
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
      throw new Error(`sshd did not start:\n${readFileSync(path.join(dir, "sshd.log"), "utf8")}`);
    }
    await new Promise((r) => setTimeout(r, 30));
  }
  const [type = "", blob = ""] = readFileSync(`${hostKeyFile}.pub`, "utf8").trim().split(" ");
  return {
    port,
    user: "root",
    privateKey: readFileSync(clientKey, "utf8"),
    hostKey: `${type} ${blob}`,
    urlOf: (repo) => `ssh://root@127.0.0.1:${port}${repo.dir}`,
    async authorizeKey(passphrase) {
      const file = path.join(dir, `client-${randomBytes(4).toString("hex")}`);
      await keygen(file, passphrase);
      appendFileSync(path.join(dir, "authorized_keys"), readFileSync(`${file}.pub`));
      return readFileSync(file, "utf8");
    },
    async stop() {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    },
  };
}

/** A fresh ed25519 public key as "ssh-ed25519 AAAA…", e.g. to play a pinned key that changed. */
export async function otherHostKey(dir: string): Promise<string> {
  const file = path.join(dir, `other-${randomBytes(4).toString("hex")}`);
  await keygen(file);
  const [type = "", blob = ""] = readFileSync(`${file}.pub`, "utf8").trim().split(" ");
  return `${type} ${blob}`;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port, timeout: 500 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}
