import path from "node:path/posix";
import { BerthError, type StackFile } from "@/lib/protocol";
import { GitBranchSchema, GitComposePathSchema } from "./git-remote";
import { withGitSession, type GitAuth } from "./git-session";
import { readBlobs } from "./read-blobs";
import { selectStackFiles, stackFileText, StackFolderError, type TreeEntry } from "./stack-folder";

export interface FetchStackFilesOptions {
  /** The server's data dir (ServerConfig.dataDir): scratch clones go to `<dataDir>/git`. */
  dataDir: string;
  url: string;
  branch: string;
  /** The compose file's path in the repository; its folder is the stack's folder. */
  path: string;
  auth: GitAuth;
  /** For the whole fetch; one minute by default. */
  timeoutMs?: number;
}

export interface FetchedStack {
  /** The commit the files are from (40 hex). */
  commit: string;
  /** Every file under the compose file's folder, relative to it, links replaced by their targets. */
  files: StackFile[];
  /** The compose file among `files` (its name, since its folder is the stack's folder). */
  composeFile: string;
  /** Entries left out and why (submodules, links to nothing), for the page to show. */
  skipped: { path: string; reason: string }[];
  /** ssh: the host key the server presented ("type base64"), to pin when none was. */
  hostKey: string | null;
}

const GIT_DIR = "repo.git";
const REF = "refs/heads/berth-stack";

function parseTree(out: Buffer, folder: string): TreeEntry[] {
  const prefix = folder === "." ? "" : `${folder}/`;
  const entries: TreeEntry[] = [];
  for (const record of out.toString("utf8").split("\0")) {
    if (record === "") continue;
    const tab = record.indexOf("\t");
    const [mode = "", , oid = "", size = ""] = record.slice(0, tab).split(/ +/);
    const full = record.slice(tab + 1);
    if (!full.startsWith(prefix)) continue;
    entries.push({
      path: full.slice(prefix.length),
      kind: mode === "120000" ? "symlink" : mode === "160000" ? "submodule" : "file",
      oid,
      size: Number(size) || 0,
    });
  }
  return entries;
}

/**
 * Fetches `branch` of a repository (shallow: the one commit) and returns the files of the
 * stack's folder: the folder holding the compose file at `path`, recursively. Nothing is checked
 * out: files are read from git's objects, so no link in the repository is ever followed on disk.
 * Errors are BerthErrors in the user's words, their `field` one of git.url, git.branch, git.path,
 * git.auth, git.hostKey; no secret appears in them.
 */
export async function fetchStackFiles(opts: FetchStackFilesOptions): Promise<FetchedStack> {
  const branch = GitBranchSchema.safeParse(opts.branch);
  if (!branch.success)
    throw new BerthError("BAD_REQUEST", branch.error.issues[0]?.message ?? "", "git.branch");
  const composePath = GitComposePathSchema.safeParse(opts.path);
  if (!composePath.success)
    throw new BerthError("BAD_REQUEST", composePath.error.issues[0]?.message ?? "", "git.path");
  const folder = path.dirname(composePath.data);
  const composeFile = path.basename(composePath.data);
  const folderLabel = folder === "." ? "the repository's root" : `${folder}/`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const left = () => Math.max(1000, deadline - Date.now());

  const { value, hostKey } = await withGitSession(opts, async (session) => {
    const gitDir = `--git-dir=${GIT_DIR}`;
    await session.git(["init", "--bare", "--quiet", GIT_DIR]);
    await session.git(
      [
        gitDir,
        "fetch",
        "--depth=1",
        "--no-tags",
        "--quiet",
        "--",
        session.remote.url,
        `+refs/heads/${branch.data}:${REF}`,
      ],
      { timeoutMs: left(), what: { branch: branch.data } },
    );
    const commit = (await session.git([gitDir, "rev-parse", "--verify", `${REF}^{commit}`]))
      .toString("utf8")
      .trim();
    const where = `branch ${branch.data} (commit ${commit.slice(0, 12)})`;

    const listing = await session.git([
      gitDir,
      "ls-tree",
      "-r",
      "-l",
      "-z",
      "--full-tree",
      REF,
      ...(folder === "." ? [] : ["--", `${folder}/`]),
    ]);
    const entries = parseTree(listing, folder);
    if (entries.length === 0)
      throw new BerthError("NOT_FOUND", `There is no folder ${folder} in ${where}.`, "git.path");

    const links = entries.filter((e) => e.kind === "symlink");
    const targets = await readBlobs(
      session,
      GIT_DIR,
      links.map((e) => e.oid),
    );
    for (const link of links) link.linkTarget = targets.get(link.oid)?.toString("utf8") ?? "";

    const selection = selectStackFiles(entries, folderLabel);
    if (!selection.files.some((f) => f.path === composeFile))
      throw new BerthError(
        "NOT_FOUND",
        `There is no file ${composePath.data} in ${where}.`,
        "git.path",
      );
    const blobs = await readBlobs(
      session,
      GIT_DIR,
      selection.files.map((f) => f.oid),
    );
    const files = selection.files.map((f) => ({
      path: f.path,
      content: stackFileText(f.path, blobs.get(f.oid) ?? Buffer.alloc(0)),
    }));
    return { commit, files, skipped: selection.skipped };
  }).catch((err: unknown) => {
    if (err instanceof StackFolderError)
      throw new BerthError("BAD_REQUEST", err.message, "git.path");
    throw err;
  });
  return { ...value, composeFile, hostKey };
}
