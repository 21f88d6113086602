import { randomUUID } from "node:crypto";
import { BerthError, type ComposeStep, type WireError } from "@/lib/protocol";
import { db, Prisma, type StackSource } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import type { StackCallOptions } from "./audited-stack";
import { deployStack } from "./deploy-stack";
import { renderStackTemplate } from "@/lib/stacks/templates/render-stack-template";
import { fetchGitColumns } from "./fetch-git-stack";
import { requireStackTemplate } from "./require-stack-template";
import { gitAuditParams, gitColumns, NO_GIT, nextPollOf } from "./stack-git-columns";
import {
  checkStackContent,
  StackCreateSchema,
  withVariables,
  type StackCreate,
} from "./stack-input";
import { sealEnvironment } from "./stack-source";
import { newWebhookColumns } from "./stack-webhook";

export type CreatedStack = {
  id: string;
  /** When deployed at once: every step. */
  steps?: ComposeStep[];
  /** When deploying at once failed: why (the stack is saved either way). */
  deployError?: WireError;
  /** Git stacks: the webhook URL's path (`/api/stacks/hooks/<secret>`). */
  webhookPath?: string;
};

/** A name taken on the host: saved stacks are one per project name and host. */
export async function requireFreeStackName(hostId: string, name: string): Promise<void> {
  const clash = await db.stack.count({ where: { hostId, name } });
  if (clash)
    throw new BerthError("CONFLICT", `The host has a stack named ${name} already.`, "name");
}

/** A template filled in: its files, and its secret values apart (kept sealed on the row). */
async function templateContent(name: string, data: StackCreate) {
  const template = await requireStackTemplate(data.templateId ?? "");
  const rendered = renderStackTemplate(template, data.variables);
  const content = checkStackContent(name, {
    files: rendered.files,
    composeFiles: rendered.composeFiles,
    envFile: rendered.envFile ?? null,
    profiles: data.profiles,
  });
  return { content, environment: rendered.environment };
}

/**
 * Saves a new stack on a host, and deploys it when asked. Needs stack.deploy on the host.
 * - editor: the files as sent; fill-ins (`variables`) are written into its env file.
 * - template (`templateId`): the catalogue's template filled in on the server; its secret values
 *   are sealed on the row, passed on every deploy and never sent back.
 * - git: the branch is fetched first (the files sent are ignored): a fetch that fails saves
 *   nothing and names the git field at fault; an ssh host key is pinned on first use. The
 *   webhook URL is made and its path answered; the caller's role is what later webhook and poll
 *   redeploys act with.
 */
export async function createStack(
  user: SessionUser,
  input: unknown,
  options: StackCallOptions = {},
): Promise<CreatedStack> {
  const data = StackCreateSchema.parse(input);
  const made = data.git
    ? null
    : data.templateId
      ? await templateContent(data.name, data)
      : {
          content: checkStackContent(
            data.name,
            withVariables(
              {
                files: data.files,
                composeFiles: data.composeFiles,
                envFile: data.envFile ?? null,
                profiles: data.profiles,
              },
              data.variables,
            ),
          ),
          environment: {},
        };
  const source: StackSource = data.git ? "git" : data.templateId ? "template" : "editor";
  const params: Record<string, unknown> = {
    source,
    templateId: data.templateId ?? null,
    files: made?.content.files.map((f) => f.path) ?? [],
    composeFiles: made?.content.composeFiles ?? [],
    profiles: data.profiles,
    git: gitAuditParams(data.git),
    deploy: data.deploy,
  };
  const id = randomUUID();
  let webhookPath: string | undefined;
  await audited(
    {
      actor: user,
      action: "stack.create",
      hostId: data.hostId,
      target: data.name,
      params: params as Prisma.InputJsonObject,
      clientAddress: options.clientAddress,
    },
    async () => {
      await requireHostPermission(user, data.hostId, "stack.deploy");
      await requireFreeStackName(data.hostId, data.name);
      let columns: Prisma.StackUncheckedCreateInput;
      const base = { id, hostId: data.hostId, name: data.name, source, createdById: user.id };
      if (data.git) {
        const git = gitColumns(id, data.git, null);
        const fetched = await fetchGitColumns({
          ...git,
          id,
          name: data.name,
          profiles: data.profiles,
        });
        const webhook = newWebhookColumns(id);
        webhookPath = webhook.path;
        Object.assign(params, {
          files: fetched.files.map((f) => f.path),
          composeFiles: fetched.composeFiles,
          commit: fetched.lastCommit,
        });
        columns = {
          ...base,
          ...git,
          ...fetched,
          ...webhook.columns,
          gitSavedById: user.id,
          nextPollAt: nextPollOf(git.pollSeconds),
        };
      } else {
        columns = {
          ...base,
          ...(made?.content ?? { files: [], composeFiles: [], envFile: null, profiles: [] }),
          ...NO_GIT,
          environmentSealed: sealEnvironment(id, made?.environment ?? {}),
        };
      }
      try {
        await db.stack.create({ data: columns });
      } catch (err) {
        // two saves of one name at once: the unique index decides
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
          throw new BerthError(
            "CONFLICT",
            `The host has a stack named ${data.name} already.`,
            "name",
          );
        throw err;
      }
      getAgentHub().stacksChanged(data.hostId);
    },
  );
  const created = { id, ...(webhookPath ? { webhookPath } : {}) };
  if (!data.deploy) return created;
  try {
    return { ...created, ...(await deployStack(user, id, { fetch: false }, options)) };
  } catch (err) {
    if (err instanceof BerthError) return { ...created, deployError: err.toWire() };
    console.error("deploying a new stack failed:", err);
    return {
      ...created,
      deployError: { code: "INTERNAL", message: "Deploying the stack failed." },
    };
  }
}
