import { BerthError } from "@/lib/protocol";
import { GitBranchSchema } from "./git-remote";
import { withGitSession, type GitAuth } from "./git-session";

export interface LsRemoteOptions {
  /** The server's data dir (ServerConfig.dataDir), for the session's scratch folder. */
  dataDir: string;
  url: string;
  branch: string;
  auth: GitAuth;
  /** 20 s by default. */
  timeoutMs?: number;
}

/**
 * The commit a branch points at on the remote, without fetching anything: what polling asks
 * before deciding to redeploy. Errors as fetchStackFiles's.
 */
export async function lsRemote(
  opts: LsRemoteOptions,
): Promise<{ commit: string; hostKey: string | null }> {
  const branch = GitBranchSchema.safeParse(opts.branch);
  if (!branch.success)
    throw new BerthError("BAD_REQUEST", branch.error.issues[0]?.message ?? "", "git.branch");
  const ref = `refs/heads/${branch.data}`;
  const { value, hostKey } = await withGitSession(opts, async (session) => {
    const out = await session.git(["ls-remote", "--", session.remote.url, ref], {
      timeoutMs: opts.timeoutMs ?? 20_000,
      what: { branch: branch.data },
    });
    for (const line of out.toString("utf8").split("\n")) {
      const [commit, name] = line.split("\t");
      if (name === ref && commit && /^[0-9a-f]{40,64}$/.test(commit)) return commit;
    }
    throw new BerthError(
      "NOT_FOUND",
      `The branch ${branch.data} does not exist in ${session.remote.url}.`,
      "git.branch",
      { external: true },
    );
  });
  return { commit: value, hostKey };
}
