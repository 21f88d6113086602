import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { access, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BerthError } from "@/lib/protocol";
import { parseGitRemote, GitRemoteError, type GitRemote } from "./git-remote";

/** How Berth signs in to a repository. Secrets stay in memory, files of mode 0600 and env vars. */
export type GitAuth =
  | { kind: "none" }
  /** https: sent as `Authorization: Basic user:token`; most servers ignore the user for tokens. */
  | { kind: "token"; token: string; username?: string }
  /**
   * ssh: an OpenSSH or PEM private key. `hostKey` ("ssh-ed25519 AAAA…") is the key pinned so
   * far; null trusts the first key the server presents, which the result returns for pinning.
   */
  | { kind: "ssh"; privateKey: string; passphrase?: string; hostKey: string | null };

export interface GitSession {
  remote: GitRemote;
  /** Scratch folder (0700) under the data dir; removed when the session ends. */
  dir: string;
  /** Runs git with this session's environment; fails with a BerthError in the user's words. */
  git(
    args: string[],
    opts?: { timeoutMs?: number; stdin?: string; what?: GitWhat },
  ): Promise<Buffer>;
}

/** What a git command was about, for its error message. */
export interface GitWhat {
  branch?: string;
}

/** Where the server keeps scratch clones: `<BERTH_DATA>/git`. */
export function gitScratchRoot(dataDir: string): string {
  return path.join(dataDir, "git");
}

const DEFAULT_TIMEOUT_MS = 60_000;
const STDERR_MAX = 64 * 1024;
const SSH_READY_TIMEOUT_MS = 20_000;
/** Environment a git child may inherit: proxies and TLS trust, nothing else of the server's. */
const INHERITED = [
  "PATH",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "all_proxy",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "GIT_SSL_CAINFO",
  "GIT_SSL_CAPATH",
];

/** The program git runs for ssh:// (see the file): shipped beside this one, found from the root. */
function sshTransportPath(): string {
  return path.join(
    process.env.BERTH_ROOT ?? process.cwd(),
    "lib",
    "stacks",
    "git",
    "ssh-transport.mjs",
  );
}

function normaliseHostKey(key: string): string {
  const [type = "", blob = ""] = key.trim().split(/\s+/);
  return `${type} ${blob}`;
}

function badRequest(message: string, field: string): BerthError {
  return new BerthError("BAD_REQUEST", message, field);
}

/** Replaces every secret (and the forms it travels in) in text shown to users or logs. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("••••");
  return out;
}

/**
 * Runs `fn` with a scratch folder and an environment that signs git in with `auth` and keeps
 * it from reading anything else: no system or user git config, no credential helpers, no
 * prompts, only the remote's own transport. Returns what `fn` returned and, for ssh, the host
 * key the server presented (to pin on first use). A changed host key is refused before `fn`'s
 * result is used.
 */
export async function withGitSession<T>(
  opts: { dataDir: string; url: string; auth: GitAuth },
  fn: (session: GitSession) => Promise<T>,
): Promise<{ value: T; hostKey: string | null }> {
  let remote: GitRemote;
  try {
    remote = parseGitRemote(opts.url);
  } catch (err) {
    if (err instanceof GitRemoteError) throw badRequest(err.message, "git.url");
    throw err;
  }
  const { auth } = opts;
  if (remote.transport === "ssh" && auth.kind !== "ssh")
    throw badRequest("An ssh:// repository needs a private key.", "git.auth");
  if (remote.transport !== "ssh" && auth.kind === "ssh")
    throw badRequest("A private key signs in over ssh://; use a token for https://.", "git.auth");

  const root = gitScratchRoot(opts.dataDir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(path.join(root, "fetch-"));
  // from here on the folder may hold the key: it goes whatever happens
  try {
    await chmod(dir, 0o700);

    const env: Record<string, string> = {};
    for (const name of INHERITED) {
      const value = process.env[name];
      if (value !== undefined) env[name] = value;
    }
    Object.assign(env, {
      HOME: dir,
      LC_ALL: "C",
      LANG: "C",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_TERMINAL_PROMPT: "0",
      GIT_ASKPASS: "",
      SSH_ASKPASS: "",
      GIT_ALLOW_PROTOCOL: remote.transport,
      GIT_LITERAL_PATHSPECS: "1",
      // the data dir may sit inside a git checkout (Berth's own): never read that repository
      GIT_CEILING_DIRECTORIES: root,
    });
    // Config through the environment (git ≥ 2.31), so no secret is ever in a process's arguments.
    const config: [string, string][] = [
      ["transfer.fsckObjects", "true"],
      ["gc.auto", "0"],
      ["maintenance.auto", "false"],
      ["credential.helper", ""],
    ];
    const secrets: string[] = [];
    let seenKeyFile: string | null = null;
    let pinned: string | null = null;

    if (auth.kind === "token") {
      const basic = Buffer.from(`${auth.username || "git"}:${auth.token}`).toString("base64");
      config.push(["http.extraHeader", `Authorization: Basic ${basic}`]);
      secrets.push(auth.token, basic);
    } else if (auth.kind === "ssh") {
      pinned = auth.hostKey === null ? null : normaliseHostKey(auth.hostKey);
      seenKeyFile = path.join(dir, "presented-host-key");
      const configFile = path.join(dir, "ssh.json");
      await writeFile(
        configFile,
        JSON.stringify({
          privateKey: auth.privateKey,
          passphrase: auth.passphrase ?? "",
          hostKey: pinned,
          seenKeyFile,
          readyTimeoutMs: SSH_READY_TIMEOUT_MS,
        }),
        { mode: 0o600 },
      );
      const transport = sshTransportPath();
      await access(transport).catch(() => {
        throw new BerthError(
          "INTERNAL",
          `${transport} is missing: start the Berth server from its folder, or set BERTH_ROOT to it.`,
          "git.url",
        );
      });
      // git runs GIT_SSH without a shell; the shebang pins the Node that runs the server
      const program = path.join(dir, "git-ssh.cjs");
      await writeFile(
        program,
        `#!${process.execPath}\nimport(${JSON.stringify(pathToFileURL(transport).href)});\n`,
        { mode: 0o700 },
      );
      Object.assign(env, {
        GIT_SSH: program,
        GIT_SSH_VARIANT: "ssh",
        BERTH_GIT_SSH_CONFIG: configFile,
      });
      if (auth.passphrase) secrets.push(auth.passphrase);
    }
    env.GIT_CONFIG_COUNT = String(config.length);
    config.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });

    const presentedKey = async (): Promise<string | null> => {
      if (!seenKeyFile) return null;
      try {
        return normaliseHostKey(await readFile(seenKeyFile, "utf8"));
      } catch {
        return null;
      }
    };
    const refuseChangedKey = async () => {
      const seen = await presentedKey();
      if (pinned !== null && seen !== null && seen !== pinned)
        throw new BerthError(
          "CONFLICT",
          `The SSH host key of ${remote.host} has changed: it presented ${seen.split(" ")[0]} ` +
            `${fingerprintOf(seen)}, but ${fingerprintOf(pinned)} was pinned. Someone may be ` +
            "intercepting the connection, or the git server was reinstalled: if you trust the new " +
            "key, clear the pinned host key of this stack.",
          "git.hostKey",
          { external: true },
        );
    };

    const session: GitSession = {
      remote,
      dir,
      async git(args, runOpts = {}) {
        const result = await runGit(args, { env, cwd: dir, ...runOpts });
        if (result.ok) return result.stdout;
        await refuseChangedKey();
        throw describeGitFailure(scrubSecrets(result.stderr, secrets), remote, runOpts.what ?? {});
      },
    };
    const value = await fn(session);
    await refuseChangedKey();
    return { value, hostKey: await presentedKey() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** SHA256:… of a "type base64" host key, as OpenSSH prints it. */
function fingerprintOf(key: string): string {
  const blob = Buffer.from(key.split(" ")[1] ?? "", "base64");
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

type GitRun = { ok: true; stdout: Buffer } | { ok: false; stderr: string };

/**
 * git with an argument array (never a shell), in its own process group so a timeout ends it and
 * whatever it started (remote helpers, the ssh transport).
 */
function runGit(
  args: string[],
  opts: { env: Record<string, string>; cwd: string; timeoutMs?: number; stdin?: string },
): Promise<GitRun> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve) => {
    const child = spawn("git", args, {
      env: opts.env as NodeJS.ProcessEnv,
      cwd: opts.cwd,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      if (err.length < STDERR_MAX) err += chunk.toString("utf8");
    });
    child.stdin.on("error", () => {
      /* git exited before reading everything: its exit status says why */
    });
    child.stdin.end(opts.stdin ?? "");
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ ok: false, stderr: `berth: could not run git: ${e.message}` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut)
        resolve({ ok: false, stderr: `berth: timed out after ${Math.round(timeoutMs / 1000)} s` });
      else if (code === 0) resolve({ ok: true, stdout: Buffer.concat(out) });
      else resolve({ ok: false, stderr: err });
    });
  });
}

/** git's last words, without progress noise: what a user can read next to our sentence. */
function gitSays(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^(hint|remote: (Counting|Compressing|Enumerating|Total))/.test(l));
  return lines.slice(-3).join(" ").slice(0, 500);
}

/** A failed git command, in words a user acts on, with git's own (scrubbed) message after. */
export function describeGitFailure(stderr: string, remote: GitRemote, what: GitWhat): BerthError {
  const says = gitSays(stderr);
  const tail = says ? ` (git: ${says})` : "";
  const where = remote.host;
  const external = { external: true };
  if (/^berth: could not run git/m.test(stderr))
    return new BerthError(
      "INTERNAL",
      "The git command could not be run on the Berth server: install git there (the git package).",
      "git.url",
    );
  if (/^berth: timed out/m.test(stderr))
    return new BerthError(
      "TIMEOUT",
      `The git server ${where} did not answer in time (${stderr.trim().slice("berth: ".length)}).`,
      "git.url",
      external,
    );
  if (/^berth git ssh: the private key/m.test(stderr))
    return new BerthError(
      "BAD_REQUEST",
      `The private key could not be read: check it and its passphrase.${tail}`,
      "git.auth",
    );
  if (/Host key verification failed/.test(stderr))
    return new BerthError(
      "CONFLICT",
      `The SSH host key of ${where} was refused.${tail}`,
      "git.hostKey",
      external,
    );
  if (
    /Could not resolve host|Could not resolve hostname|Failed to connect|Couldn't connect|Connection refused|Connection timed out|Connection reset|No route to host|Network is unreachable|E(CONNREFUSED|HOSTUNREACH|NETUNREACH|TIMEDOUT|CONNRESET)|Operation timed out/i.test(
      stderr,
    )
  )
    return new BerthError(
      "ENGINE_UNAVAILABLE",
      `The git server ${where} could not be reached from the Berth server.${tail}`,
      "git.url",
      external,
    );
  if (/SSL certificate problem|server certificate verification failed|SSL_ERROR|TLS/i.test(stderr))
    return new BerthError(
      "ENGINE_UNAVAILABLE",
      `The TLS certificate of ${where} is not trusted by the Berth server.${tail}`,
      "git.url",
      external,
    );
  if (
    /Authentication failed|could not read (Username|Password)|Permission denied|Access denied|invalid credentials|returned error: 40[13]|HTTP 40[13]/i.test(
      stderr,
    )
  )
    return new BerthError(
      "FORBIDDEN",
      `${where} refused the credentials: check the ${remote.transport === "ssh" ? "private key and that it may read this repository" : "token and that it may read this repository"}.${tail}`,
      "git.auth",
      external,
    );
  if (/couldn't find remote ref|Remote branch .* not found/i.test(stderr))
    return new BerthError(
      "NOT_FOUND",
      `The branch ${what.branch ?? ""} does not exist in ${remote.url}.`.replace("  ", " "),
      "git.branch",
      external,
    );
  if (
    /repository '.*' not found|Repository not found|does not appear to be a git repository|not a git repository|No such file or directory|returned error: 404|HTTP 404|not found: did you run/i.test(
      stderr,
    )
  )
    return new BerthError(
      "NOT_FOUND",
      `No repository at ${remote.url}, or the credentials may not see it.${tail}`,
      "git.url",
      external,
    );
  return new BerthError(
    "ENGINE_ERROR",
    `git could not fetch from ${where}.${tail}`,
    "git.url",
    external,
  );
}
