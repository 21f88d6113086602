import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import { auditedStack } from "./audited-stack";
import { getStack } from "./get-stack";
import type { StackDetail } from "./stack-row";
import { gitAuditParams, gitColumns, NO_GIT, nextPollOf } from "./stack-git-columns";
import { checkStackContent, StackUpdateSchema } from "./stack-input";
import { fetchGitColumns } from "./fetch-git-stack";
import { newWebhookColumns } from "./stack-webhook";

/**
 * Saves a stack's files and settings (not its name or host: those are the project on the host).
 * Nothing changes on the host until the next deploy. `git` absent keeps the git settings, null
 * turns a git stack into an editor stack. New git settings are fetched before they are saved (a
 * failing fetch saves nothing and names the git field), and the saver's role becomes the one
 * webhook and poll redeploys act with. A git stack's files are its repository's: those sent are
 * ignored.
 */
export async function updateStack(
  user: SessionUser,
  stackId: string,
  input: unknown,
  clientAddress?: string,
): Promise<StackDetail> {
  const data = StackUpdateSchema.parse(input);
  const params: Record<string, unknown> = {
    files: data.files.map((f) => f.path),
    composeFiles: data.composeFiles,
    profiles: data.profiles,
    ...(data.git !== undefined ? { git: gitAuditParams(data.git) } : {}),
  };
  await auditedStack(
    user,
    stackId,
    { action: "stack.update", permission: "stack.deploy", params },
    clientAddress,
    async ({ stack }) => {
      const toGit = data.git === undefined ? stack.source === "git" : data.git !== null;
      if (data.git) {
        const git = gitColumns(stack.id, data.git, stack);
        // a pinned host key stays pinned for the same repository unless another is given
        if (!data.git.knownHost && data.git.url === stack.gitUrl)
          git.gitKnownHost = stack.gitKnownHost;
        const fetched = await fetchGitColumns({
          ...git,
          id: stack.id,
          name: stack.name,
          profiles: data.profiles,
        });
        Object.assign(params, { commit: fetched.lastCommit });
        await db.stack.update({
          where: { id: stack.id },
          data: {
            ...git,
            ...fetched,
            ...(stack.webhookSecretHash ? {} : newWebhookColumns(stack.id).columns),
            source: "git",
            gitSavedById: user.id,
            nextPollAt: nextPollOf(git.pollSeconds),
          },
        });
        return;
      }
      // a git stack's files come from its repository: only its profiles are the page's
      if (toGit) {
        await db.stack.update({ where: { id: stack.id }, data: { profiles: data.profiles } });
        return;
      }
      const content = checkStackContent(stack.name, {
        files: data.files,
        composeFiles: data.composeFiles,
        envFile: data.envFile ?? null,
        profiles: data.profiles,
      });
      const git =
        data.git === null
          ? {
              ...NO_GIT,
              source: stack.source === "git" ? ("editor" as const) : stack.source,
              webhookSecretHash: null,
              webhookSecretSealed: null,
              gitSavedById: null,
              nextPollAt: null,
            }
          : {};
      await db.stack.update({ where: { id: stack.id }, data: { ...content, ...git } });
    },
  );
  return getStack(user, stackId);
}
