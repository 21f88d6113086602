import { BerthError, type ContainerSummary } from "@/lib/protocol";
import { db, type AutoUpdatePolicy, type Prisma } from "@/lib/db";
import { effectiveHostRole } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
import { findActiveAccount, type SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { checkHostImages } from "./check-host-images";
import { auditParams, runContainerUpdate } from "./update-container";

/** The audit rows' actor: the schedule, acting for the policy's creator. */
const ACTOR = { label: "schedule" };

/**
 * The user a run acts as: the policy's creator, still active and still allowed to create
 * containers and pull images on the host. Nobody acts for a user who lost that.
 */
async function creatorOf(policy: AutoUpdatePolicy): Promise<SessionUser> {
  const account = await findActiveAccount(policy.createdById);
  if (!account) {
    throw new BerthError(
      "FORBIDDEN",
      `${policy.createdBy}, who set up these automatic updates, no longer exists or is disabled: someone who may create containers on the host must save the policy again.`,
    );
  }
  const role = await effectiveHostRole(account.user, policy.hostId);
  if (!roleAllows(role, "container.create") || !roleAllows(role, "image.pull")) {
    throw new BerthError(
      "FORBIDDEN",
      `${policy.createdBy}, who set up these automatic updates, may no longer create containers on this host: someone who may must save the policy again.`,
    );
  }
  return account.user;
}

/** Whether a running container falls under the policy (its name, or its label). */
function matches(policy: AutoUpdatePolicy, container: ContainerSummary): boolean {
  if (container.state !== "running") return false;
  if (policy.containerName !== null) return container.name === policy.containerName;
  if (policy.labelKey === null || !(policy.labelKey in container.labels)) return false;
  return policy.labelValue === null || container.labels[policy.labelKey] === policy.labelValue;
}

/**
 * One scheduled run: checks the host's images and updates the policy's containers that have an
 * update, as the creator. Audited as `autoupdate.run` (and each update as `container.update`),
 * by actor "schedule"; what happened is kept on the policy.
 */
export async function runAutoUpdatePolicy(policy: AutoUpdatePolicy): Promise<void> {
  const params: Record<string, unknown> = { as: policy.createdBy, updated: [], rolledBack: [] };
  const updated: string[] = [];
  const rolledBack: string[] = [];
  const failed: string[] = [];
  const audit = {
    actor: ACTOR,
    action: "autoupdate.run",
    hostId: policy.hostId,
    target: policy.containerName ?? `label ${policy.labelKey}`,
  };
  let outcome: string;
  let ok: boolean;
  try {
    const user = await creatorOf(policy);
    const findings = await checkHostImages(policy.hostId);
    const due = new Set(
      findings
        .filter((f) => f.status === "update_available")
        .flatMap((f) => f.containers.map((c) => c.id)),
    );
    const containers = getAgentHub()
      .containers.list(policy.hostId)
      .filter((c) => matches(policy, c) && due.has(c.id));
    for (const container of containers) {
      try {
        const result = await runContainerUpdate(user, policy.hostId, container.id, {});
        await recordAudit({
          actor: ACTOR,
          action: "container.update",
          hostId: policy.hostId,
          target: result.name,
          params: { as: user.email, ...auditParams(result) },
          outcome: "SUCCESS",
        });
        if (result.outcome === "updated") updated.push(result.message);
        if (result.outcome === "rolled_back") rolledBack.push(result.message);
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        failed.push(`${container.name}: ${error}`);
        await recordAudit({
          actor: ACTOR,
          action: "container.update",
          hostId: policy.hostId,
          target: container.name,
          params: { as: user.email },
          outcome: "FAILURE",
          error,
        });
      }
    }
    params.updated = updated;
    params.rolledBack = rolledBack;
    ok = rolledBack.length === 0 && failed.length === 0;
    outcome =
      [...updated, ...rolledBack, ...failed].join(" ") ||
      (containers.length === 0 ? "Nothing to update." : "");
    await recordAudit({
      ...audit,
      params: params as Prisma.InputJsonObject,
      outcome: failed.length ? "FAILURE" : "SUCCESS",
      error: failed.length ? failed.join("; ") : null,
    });
  } catch (err) {
    const denied = err instanceof BerthError && !err.external && err.code === "FORBIDDEN";
    ok = false;
    outcome = err instanceof Error ? err.message : String(err);
    await recordAudit({
      ...audit,
      params: params as Prisma.InputJsonObject,
      outcome: denied ? "DENIED" : "FAILURE",
      error: outcome,
    });
  }
  await db.autoUpdatePolicy.updateMany({
    where: { id: policy.id },
    data: { lastRunAt: new Date(), lastOutcome: outcome.slice(0, 2000), lastOk: ok },
  });
}
