import {
  BerthError,
  ComposeSourceSchema,
  type ComposePlanResult,
  type ComposeStep,
} from "@/lib/protocol";
import type { z } from "zod";
import { db, type Stack } from "@/lib/db";
import type { HostRoleName } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { auditedStack, STACK_TIMEOUTS_MS, type StackCallOptions } from "./audited-stack";
import { refreshGitStack } from "./fetch-git-stack";
import { judgeStackPlan, requireAccepted } from "./judge-stack-plan";
import { StackDeploySchema } from "./stack-input";
import { registryAuthsFor } from "./registry-auths-for";
import { composeSourceOf } from "./stack-source";

/** A project that did not load: the first problem at its file, line and column. */
export function requireLoaded(result: ComposePlanResult) {
  const [first, ...more] = result.problems;
  if (!first && result.plan) return result.plan;
  const where = first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : "";
  const tail = more.length
    ? ` (${more.length} more ${more.length === 1 ? "problem" : "problems"})`
    : "";
  throw new BerthError("BAD_REQUEST", `The stack does not load: ${where}${tail}`, first?.file);
}

/** The step that failed, as "service: why" (or the object's name when no service is concerned). */
function failedStep(steps: ComposeStep[]): string | null {
  const failed = steps.find((s) => s.state === "failed");
  if (!failed) return null;
  return `${failed.service ?? failed.target}: ${failed.action} failed${failed.message ? `: ${failed.message}` : ""}`;
}

/** The services whose containers the deploy created or recreated, for the audit row. */
function changedServices(steps: ComposeStep[]): { created: string[]; recreated: string[] } {
  const of = (pattern: RegExp) => [
    ...new Set(
      steps
        .filter((s) => s.kind === "container" && s.state === "done" && pattern.test(s.action))
        .map((s) => s.service ?? s.target),
    ),
  ];
  return { created: of(/^creat/i), recreated: of(/^recreat/i) };
}

export type StackDeployParams = z.infer<typeof StackDeploySchema>;

/**
 * The deploy itself, for a stack whose deployer is already decided: the agent loads and compiles
 * the stack (`compose.plan`), the host security policy judges every service, network and
 * bind-like volume for `role` (a refusal names the service and stops the deploy before the engine
 * sees anything), then the agent converges the host on the judged plan (`compose.up`), each step
 * live on the caller's progress channel. The outcome is kept on the stack, also when it failed,
 * with the service and the reason, `deployer.label` as who deployed (a user's email, or what
 * triggered an automatic redeploy) and, for git stacks, the commit. Images are pulled with the
 * stored registry credentials `deployer.user` may use. The
 * services created and recreated are added to `auditParams`, also when a later step failed.
 */
export async function runStackDeploy(
  stack: Stack,
  role: HostRoleName,
  params: StackDeployParams,
  deployer: { user: SessionUser; label: string },
  auditParams: Record<string, unknown>,
  options: StackCallOptions = {},
): Promise<{ steps: ComposeStep[] }> {
  const { pull, removeOrphans, forceRecreate, services } = params;
  const hub = getAgentHub();
  const outcome = async (error: string | null) =>
    db.stack.update({
      where: { id: stack.id },
      data: {
        lastDeployAt: new Date(),
        lastDeployBy: deployer.label,
        lastDeployOk: error === null,
        lastDeployError: error,
        lastDeployCommit: stack.source === "git" ? stack.lastCommit : null,
      },
    });
  try {
    const source = ComposeSourceSchema.parse(composeSourceOf(stack));
    const planned = await hub.call(stack.hostId, "compose.plan", source, {
      timeoutMs: STACK_TIMEOUTS_MS.plan,
    });
    const judged = await judgeStackPlan(stack.hostId, role, requireLoaded(planned));
    const plan = requireAccepted(judged);
    const { steps } = await hub.call(
      stack.hostId,
      "compose.up",
      {
        source,
        plan,
        pull,
        removeOrphans,
        forceRecreate,
        services,
        allowProtectedPaths: judged.allowProtectedPaths,
        auths: await registryAuthsFor(deployer.user, plan),
      },
      {
        timeoutMs: STACK_TIMEOUTS_MS.up,
        onProgress: options.onProgress,
        signal: options.signal,
      },
    );
    Object.assign(auditParams, changedServices(steps));
    const failure = failedStep(steps);
    if (failure) throw new BerthError("ENGINE_ERROR", failure, undefined, { external: true });
    await outcome(null);
    return { steps };
  } catch (err) {
    await outcome(err instanceof Error ? err.message : String(err));
    throw err;
  }
}

/**
 * Deploys a saved stack as the caller, with their role on the host. A git stack fetches its
 * branch first ("pull and redeploy") unless `fetch: false` asks for the files last fetched; a
 * fetch failure stops the deploy, is kept as the stack's lastFetchError and names the git field.
 */
export async function deployStack(
  user: SessionUser,
  stackId: string,
  input: unknown,
  options: StackCallOptions = {},
): Promise<{ steps: ComposeStep[] }> {
  const params = StackDeploySchema.parse(input);
  const auditParams: Record<string, unknown> = { ...params };
  return auditedStack(
    user,
    stackId,
    { action: "stack.deploy", permission: "stack.deploy", params: auditParams },
    options.clientAddress,
    async ({ stack, role }) => {
      const fetched =
        stack.source === "git" && params.fetch !== false ? await refreshGitStack(stack) : stack;
      if (fetched.source === "git") auditParams.commit = fetched.lastCommit;
      return runStackDeploy(
        fetched,
        role,
        params,
        { user, label: user.email },
        auditParams,
        options,
      );
    },
  );
}
