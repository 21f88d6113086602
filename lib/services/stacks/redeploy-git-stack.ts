import { BerthError } from "@/lib/protocol";
import { db, type Prisma, type Stack } from "@/lib/db";
import { effectiveHostRole } from "@/lib/auth/guard";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import { findActiveAccount, type SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { runStackDeploy } from "./deploy-stack";
import { refreshGitStack, remoteCommitOf } from "./fetch-git-stack";

/** What asked for an automatic redeploy; it is the audit row's actor and the stack's deployer. */
export type GitTrigger = "webhook" | "poll";

/**
 * The role an automatic redeploy acts with: that of the user who last saved the stack's git
 * settings, on the stack's host, as it is now. Nobody acts for a user who is gone, disabled or
 * no longer holds stack.deploy there: someone who may deploy has to save the settings again.
 */
async function roleOfGitSaver(stack: Stack): Promise<{ role: HostRoleName; saver: SessionUser }> {
  const account = stack.gitSavedById ? await findActiveAccount(stack.gitSavedById) : null;
  if (!account)
    throw new BerthError(
      "FORBIDDEN",
      "The user who saved the stack's git settings no longer exists or is disabled: someone who may deploy on the host must save them again.",
    );
  const role = await effectiveHostRole(account.user, stack.hostId);
  if (!role || !roleAllows(role, "stack.deploy"))
    throw new BerthError(
      "FORBIDDEN",
      `${account.user.email}, who saved the stack's git settings, may no longer deploy on this host: someone who may must save them again.`,
    );
  return { role, saver: account.user };
}

/**
 * A webhook call or a poll for a git stack: asks the remote for the branch's commit and, when it
 * is not the commit deployed, fetches and redeploys (as `docker compose up` would: only changed
 * services are recreated). A stack never deployed is only fetched: nothing starts on a host
 * before someone deployed it once. The redeploy is audited as `stack.deploy` with the trigger as
 * actor and the user whose role it used; a failed deploy is not retried until the next commit.
 */
export async function redeployGitStack(stackId: string, trigger: GitTrigger): Promise<void> {
  const stack = await db.stack.findUnique({ where: { id: stackId } });
  if (!stack || stack.source !== "git") return;
  const commit = await remoteCommitOf(stack);
  const current = stack.lastDeployAt ? stack.lastDeployCommit : stack.lastCommit;
  if (commit === current) {
    if (stack.lastFetchError)
      await db.stack.update({ where: { id: stack.id }, data: { lastFetchError: null } });
    return;
  }
  const hub = getAgentHub();
  if (!stack.lastDeployAt) {
    await refreshGitStack(stack);
    hub.stacksChanged(stack.hostId);
    return;
  }
  const params: Record<string, unknown> = { trigger, commit };
  const audit = {
    actor: { label: trigger },
    action: "stack.deploy",
    hostId: stack.hostId,
    target: stack.name,
  };
  try {
    const { role, saver } = await roleOfGitSaver(stack);
    params.as = saver.email;
    const fetched = await refreshGitStack(stack);
    params.commit = fetched.lastCommit;
    await runStackDeploy(
      fetched,
      role,
      { pull: false, removeOrphans: false, forceRecreate: false },
      { user: saver, label: trigger },
      params,
    );
    await recordAudit({ ...audit, params: params as Prisma.InputJsonObject, outcome: "SUCCESS" });
  } catch (err) {
    const denied = err instanceof BerthError && !err.external && err.code === "FORBIDDEN";
    await recordAudit({
      ...audit,
      params: params as Prisma.InputJsonObject,
      outcome: denied ? "DENIED" : "FAILURE",
      error: err instanceof Error ? err.message : String(err),
    });
  } finally {
    hub.stacksChanged(stack.hostId);
  }
}
