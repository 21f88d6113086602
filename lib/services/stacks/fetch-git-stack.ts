import { BerthError } from "@/lib/protocol";
import { db, type Stack } from "@/lib/db";
import { readServerConfig } from "@/lib/server/config";
import { openSecret } from "@/lib/server/secret-box";
import { fetchStackFiles } from "@/lib/stacks/git/fetch-stack-files";
import type { GitAuth } from "@/lib/stacks/git/git-session";
import { lsRemote } from "@/lib/stacks/git/ls-remote";
import { stackSecretContext } from "./stack-git-columns";
import { checkStackContent, type StackContent } from "./stack-input";

/** The git columns a fetch reads. */
export type GitSettings = Pick<
  Stack,
  | "id"
  | "name"
  | "profiles"
  | "gitUrl"
  | "gitBranch"
  | "gitPath"
  | "gitAuth"
  | "gitSecretSealed"
  | "gitKnownHost"
>;

/** What a fetch writes on the row: the folder's files, the commit, the host key pinned. */
export type FetchedColumns = StackContent & {
  lastCommit: string;
  lastFetchError: null;
  gitKnownHost: string | null;
};

function gitAuthOf(stack: GitSettings): GitAuth {
  if (stack.gitAuth === "none") return { kind: "none" };
  let secret: string;
  try {
    secret = openSecret(stack.gitSecretSealed ?? "", stackSecretContext(stack.id));
  } catch {
    throw new BerthError(
      "BAD_REQUEST",
      "The stored token or key cannot be opened (the server's encryption key changed): give it again.",
      "git.secret",
    );
  }
  return stack.gitAuth === "token"
    ? { kind: "token", token: secret }
    : { kind: "ssh", privateKey: secret, hostKey: stack.gitKnownHost };
}

/**
 * Fetches a git stack's branch and returns the columns to write: every file of the compose
 * file's folder (that folder is the stack's folder), the compose file, the commit and, over ssh,
 * the host key, pinned on first use. Fails with the BerthError of the git field at fault.
 */
export async function fetchGitColumns(stack: GitSettings): Promise<FetchedColumns> {
  const fetched = await fetchStackFiles({
    dataDir: readServerConfig().dataDir,
    url: stack.gitUrl ?? "",
    branch: stack.gitBranch ?? "main",
    path: stack.gitPath ?? "compose.yaml",
    auth: gitAuthOf(stack),
  });
  const content = checkStackContent(stack.name, {
    files: fetched.files,
    composeFiles: [fetched.composeFile],
    // compose reads the folder's .env by itself
    envFile: null,
    profiles: stack.profiles,
  });
  return {
    ...content,
    lastCommit: fetched.commit,
    lastFetchError: null,
    gitKnownHost: stack.gitKnownHost ?? fetched.hostKey,
  };
}

/** A fetch failure as the page shows it. */
function fetchErrorText(err: unknown): string {
  if (err instanceof BerthError) return err.message;
  console.error("fetching a git stack failed:", err);
  return "Fetching the repository failed on the server.";
}

/** Keeps why the last fetch or poll failed on the row, and passes the error on. */
async function keepFetchError(stackId: string, err: unknown): Promise<never> {
  await db.stack
    .update({ where: { id: stackId }, data: { lastFetchError: fetchErrorText(err) } })
    .catch(() => undefined);
  throw err;
}

/** Fetches a saved git stack and stores its files and commit; a failure is kept on the row too. */
export async function refreshGitStack(stack: Stack): Promise<Stack> {
  try {
    const columns = await fetchGitColumns(stack);
    return await db.stack.update({ where: { id: stack.id }, data: columns });
  } catch (err) {
    return keepFetchError(stack.id, err);
  }
}

/** The commit the stack's branch points at now (no fetch); a failure is kept on the row. */
export async function remoteCommitOf(stack: Stack): Promise<string> {
  try {
    const { commit } = await lsRemote({
      dataDir: readServerConfig().dataDir,
      url: stack.gitUrl ?? "",
      branch: stack.gitBranch ?? "main",
      auth: gitAuthOf(stack),
    });
    return commit;
  } catch (err) {
    return keepFetchError(stack.id, err);
  }
}
