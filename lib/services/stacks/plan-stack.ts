import { BerthError, ComposeSourceSchema, type ComposePlanResult } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { STACK_TIMEOUTS_MS } from "./audited-stack";
import { judgeStackPlan, type StackRefusal } from "./judge-stack-plan";
import { checkStackContent, StackPlanSchema } from "./stack-input";
import { environmentOf } from "./stack-source";

export type StackPlanPreview = ComposePlanResult & {
  /** Every setting the host's policy would refuse for the caller, by service. */
  refusals: StackRefusal[];
};

/**
 * The preview of a deploy, for saved or unsaved content: the agent loads and compiles the files
 * (problems at file, line and column) and says what deploying would change; the host's policy
 * then judges the plan for the caller's role and every refusal is listed instead of thrown.
 * Changes nothing. Needs stack.deploy: judging resolves the binds' paths on the host.
 */
export async function planStack(user: SessionUser, input: unknown): Promise<StackPlanPreview> {
  const data = StackPlanSchema.parse(input);
  const { role } = await requireHostPermission(user, data.hostId, "stack.deploy");
  let environment: Record<string, string> = {};
  if (data.stackId) {
    const saved = await db.stack.findUnique({
      where: { id: data.stackId },
      select: { id: true, hostId: true, name: true, environmentSealed: true },
    });
    if (!saved || saved.hostId !== data.hostId) throw new BerthError("NOT_FOUND", "No such stack.");
    if (saved.name !== data.name)
      throw new BerthError("BAD_REQUEST", `The stack's name is ${saved.name}.`, "name");
    // a template's secret values are the saved stack's, never the page's
    environment = environmentOf(saved);
  }
  const content = checkStackContent(data.name, {
    files: data.files,
    composeFiles: data.composeFiles,
    envFile: data.envFile ?? null,
    profiles: data.profiles,
  });
  const source = ComposeSourceSchema.parse({
    project: data.name,
    ...content,
    envFile: content.envFile ?? undefined,
    environment,
  });
  const result = await getAgentHub().call(data.hostId, "compose.plan", source, {
    timeoutMs: STACK_TIMEOUTS_MS.plan,
  });
  if (!result.plan || result.problems.length > 0) return { ...result, refusals: [] };
  const judged = await judgeStackPlan(data.hostId, role, result.plan);
  return { ...result, plan: judged.plan, refusals: judged.refusals };
}
