import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import { auditedStack } from "./audited-stack";
import { getStack } from "./get-stack";
import type { StackDetail } from "./stack-row";
import { gitAuditParams, gitColumns, NO_GIT } from "./stack-git-columns";
import { checkStackContent, StackUpdateSchema } from "./stack-input";

/**
 * Saves a stack's files and settings (not its name or host: those are the project on the host).
 * Nothing changes on the host until the next deploy. `git` absent keeps the git settings, null
 * turns a git stack into an editor stack.
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
      const fromGit = data.git === undefined ? stack.source === "git" : data.git !== null;
      const content = checkStackContent(
        stack.name,
        {
          files: data.files,
          composeFiles: data.composeFiles,
          envFile: data.envFile ?? null,
          profiles: data.profiles,
        },
        { fromGit },
      );
      const git =
        data.git === undefined
          ? {}
          : data.git === null
            ? { ...NO_GIT, source: stack.source === "git" ? ("editor" as const) : stack.source }
            : { ...gitColumns(stack.id, data.git, stack), source: "git" as const };
      await db.stack.update({ where: { id: stack.id }, data: { ...content, ...git } });
    },
  );
  return getStack(user, stackId);
}
