import { BerthError } from "@/lib/protocol";
import type { Stack } from "@/lib/db";
import { sealSecret } from "@/lib/server/secret-box";
import type { StackGitInput } from "./stack-input";

/** What a sealed git secret is bound to: it does not open on another stack's row. */
export const stackSecretContext = (stackId: string) => `stack-git:${stackId}`;

type GitColumns = Pick<
  Stack,
  | "gitUrl"
  | "gitBranch"
  | "gitPath"
  | "gitAuth"
  | "gitSecretSealed"
  | "gitKnownHost"
  | "pollSeconds"
>;

/** An editor or template stack keeps no git settings. */
export const NO_GIT: GitColumns = {
  gitUrl: null,
  gitBranch: null,
  gitPath: null,
  gitAuth: "none",
  gitSecretSealed: null,
  gitKnownHost: null,
  pollSeconds: null,
};

/**
 * The git columns of a stack: the token or key sealed under the stack's id. An update without a
 * secret keeps the stored one (the page never has it) unless the kind of authentication changed.
 */
export function gitColumns(
  stackId: string,
  git: StackGitInput,
  stored: Pick<Stack, "gitAuth" | "gitSecretSealed"> | null,
): GitColumns {
  let sealed: string | null = null;
  if (git.auth !== "none") {
    if (git.secret) sealed = sealSecret(git.secret, stackSecretContext(stackId));
    else if (stored?.gitAuth === git.auth) sealed = stored.gitSecretSealed;
    if (!sealed)
      throw new BerthError(
        "BAD_REQUEST",
        git.auth === "token" ? "Give the access token." : "Give the private key.",
        "git.secret",
      );
  }
  return {
    gitUrl: git.url,
    gitBranch: git.branch,
    gitPath: git.path,
    gitAuth: git.auth,
    gitSecretSealed: sealed,
    gitKnownHost: git.knownHost ?? null,
    pollSeconds: git.pollSeconds,
  };
}

/** What the audit log keeps of git settings: where from, never the secret. */
export function gitAuditParams(git: StackGitInput | null | undefined) {
  if (!git) return null;
  return {
    url: git.url,
    branch: git.branch,
    path: git.path,
    auth: git.auth,
    pollSeconds: git.pollSeconds,
  };
}

/** When a git stack polled now is next due; null when it is not polled. */
export function nextPollOf(pollSeconds: number | null): Date | null {
  return pollSeconds === null ? null : new Date(Date.now() + pollSeconds * 1000);
}
