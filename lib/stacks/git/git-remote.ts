import net from "node:net";
import { z } from "zod";

/**
 * The repository addresses Berth fetches from, and why only these:
 * - `https://host[:port]/path`: the usual one; a token travels as a header, never in the URL.
 * - `http://` only to this machine (localhost, 127.0.0.0/8, ::1): over a network plain HTTP lets
 *   anyone on the way change the compose file that gets deployed, and read the token.
 * - `ssh://[user@]host[:port]/path` and scp-like `[user@]host:path`, with a key and a pinned host
 *   key; the user defaults to `git`.
 * Refused: credentials inside the URL (they would be logged and shown; use the token field),
 * `git://` (no authentication of the server), `file://` and local paths (files of the server
 * itself), `ext::` and any other transport git would run a program for.
 */
export type GitRemote =
  | { transport: "https" | "http"; url: string; host: string }
  | { transport: "ssh"; url: string; host: string; port: number; user: string; path: string };

const HOSTNAME =
  /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const SSH_USER = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/;
/** scp-like `[user@]host:path`: git reads it so when no slash comes before the first colon. */
const SCP_LIKE = /^(?:([^@/:]+)@)?(\[[^\]]+\]|[^@/:[\]]+):(.+)$/;

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  if (bare === "localhost") return true;
  if (net.isIPv4(bare)) return bare.startsWith("127.");
  return net.isIPv6(bare) && bare === "::1";
}

function validHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  return net.isIP(bare) !== 0 || HOSTNAME.test(bare);
}

function refuse(message: string): never {
  throw new GitRemoteError(message);
}

export class GitRemoteError extends Error {}

/** Reads a repository address, or throws GitRemoteError saying in words why it is refused. */
export function parseGitRemote(input: string): GitRemote {
  const url = input.trim();
  if (url === "") refuse("Give the repository's address.");
  if (url.length > 1000) refuse("The repository address is too long.");
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(url)) refuse("The repository address may not hold spaces.");
  if (url.startsWith("-")) refuse("The repository address may not start with '-'.");

  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme === "https" || scheme === "http") {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return refuse(`${url} is not a valid address.`);
    }
    if (parsed.username || parsed.password)
      refuse("Put no user name or token in the address: give the token in its own field.");
    if (!validHost(parsed.hostname)) refuse(`${parsed.hostname} is not a valid host name.`);
    if (parsed.search || parsed.hash) refuse("The repository address may not hold '?' or '#'.");
    if (scheme === "http" && !isLoopback(parsed.hostname))
      refuse(
        "Use https:// (plain http:// is accepted only for a git server on this machine: over a " +
          "network anyone on the way could change what gets deployed).",
      );
    return { transport: scheme, url: parsed.href, host: parsed.hostname };
  }
  if (scheme === "ssh") {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return refuse(`${url} is not a valid address.`);
    }
    if (parsed.password) refuse("Put no password in the address: use a key.");
    const user = parsed.username ? decodeURIComponent(parsed.username) : "git";
    if (!SSH_USER.test(user)) refuse(`${user} is not a valid SSH user name.`);
    if (!validHost(parsed.hostname)) refuse(`${parsed.hostname} is not a valid host name.`);
    const path = decodeURIComponent(parsed.pathname);
    if (path === "/" || path === "") refuse("Give the repository's path after the host.");
    return {
      transport: "ssh",
      url,
      host: parsed.hostname.replace(/^\[|\]$/g, ""),
      port: parsed.port ? Number(parsed.port) : 22,
      user,
      path,
    };
  }
  if (scheme !== undefined)
    refuse(`Berth fetches over https:// and ssh:// only, not ${scheme}://.`);
  // git's `<transport>::<address>` form runs a remote helper (`ext::` runs any command)
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(url))
    refuse("Berth fetches over https:// and ssh:// only.");

  const scp = SCP_LIKE.exec(url);
  if (!scp) refuse("Give an https:// or ssh:// address, or user@host:path.");
  const [, rawUser, rawHost = "", path = ""] = scp;
  const user = rawUser ?? "git";
  if (!SSH_USER.test(user)) refuse(`${user} is not a valid SSH user name.`);
  const host = rawHost.replace(/^\[|\]$/g, "");
  if (!validHost(host)) refuse(`${host} is not a valid host name.`);
  if (path.startsWith("-")) refuse("The repository path may not start with '-'.");
  return { transport: "ssh", url, host, port: 22, user, path };
}

/** A repository address Berth will fetch from (see parseGitRemote for which). */
export const GitRemoteUrlSchema = z
  .string()
  .trim()
  .superRefine((url, ctx) => {
    try {
      parseGitRemote(url);
    } catch (err) {
      if (!(err instanceof GitRemoteError)) throw err;
      ctx.addIssue({ code: "custom", message: err.message });
    }
  });

/**
 * A branch name as `git check-ref-format --branch` accepts it, minus the forms that could be
 * read as an option or a revision expression.
 */
export const GitBranchSchema = z
  .string()
  .trim()
  .min(1, "Give the branch.")
  .max(200, "A branch name has at most 200 characters.")
  .refine(
    (b) =>
      !b.startsWith("-") &&
      !b.startsWith("/") &&
      !b.endsWith("/") &&
      !b.endsWith(".") &&
      !b.endsWith(".lock") &&
      !b.includes("..") &&
      !b.includes("//") &&
      !b.includes("@{") &&
      b !== "@" &&
      !b.split("/").some((part) => part.startsWith(".")) &&
      // eslint-disable-next-line no-control-regex
      !/[\u0000-\u0020\u007f~^:?*[\\]/.test(b),
    "That is not a valid branch name.",
  );

/** The compose file's path in the repository; its folder is the stack's folder. */
export const GitComposePathSchema = z
  .string()
  .trim()
  .transform((p) => p.replace(/^\.\/+/, ""))
  .pipe(
    z
      .string()
      .min(1, "Give the compose file's path in the repository.")
      .max(255)
      .refine(
        (p) => !p.includes("\0") && !p.includes("\\") && !p.startsWith("/"),
        "The compose file's path is relative to the repository's root, with '/' between folders.",
      )
      .refine(
        (p) => p.split("/").every((part) => part !== "" && part !== "." && part !== ".."),
        "The compose file's path may not hold '..', '.' or empty parts.",
      ),
  );
