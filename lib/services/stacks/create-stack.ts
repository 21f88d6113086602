import { randomUUID } from "node:crypto";
import { BerthError, type ComposeStep, type WireError } from "@/lib/protocol";
import { db, Prisma } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import type { StackCallOptions } from "./audited-stack";
import { deployStack } from "./deploy-stack";
import { gitAuditParams, gitColumns, NO_GIT } from "./stack-git-columns";
import { checkStackContent, StackCreateSchema, withVariables } from "./stack-input";

export type CreatedStack = {
  id: string;
  /** When deployed at once: every step. */
  steps?: ComposeStep[];
  /** When deploying at once failed: why (the stack is saved either way). */
  deployError?: WireError;
};

/** A name taken on the host: saved stacks are one per project name and host. */
export async function requireFreeStackName(hostId: string, name: string): Promise<void> {
  const clash = await db.stack.count({ where: { hostId, name } });
  if (clash)
    throw new BerthError("CONFLICT", `The host has a stack named ${name} already.`, "name");
}

/**
 * Saves a new stack on a host (editor, template or git settings), and deploys it when asked.
 * Template fill-ins are written into its env file. Needs stack.deploy on the host.
 */
export async function createStack(
  user: SessionUser,
  input: unknown,
  options: StackCallOptions = {},
): Promise<CreatedStack> {
  const data = StackCreateSchema.parse(input);
  const content = checkStackContent(
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
    { fromGit: data.git !== undefined },
  );
  const source = data.git ? "git" : data.templateId ? "template" : "editor";
  const id = await audited(
    {
      actor: user,
      action: "stack.create",
      hostId: data.hostId,
      target: data.name,
      params: {
        source,
        templateId: data.templateId ?? null,
        files: content.files.map((f) => f.path),
        composeFiles: content.composeFiles,
        profiles: content.profiles,
        git: gitAuditParams(data.git),
        deploy: data.deploy,
      },
      clientAddress: options.clientAddress,
    },
    async () => {
      await requireHostPermission(user, data.hostId, "stack.deploy");
      await requireFreeStackName(data.hostId, data.name);
      const id = randomUUID();
      try {
        await db.stack.create({
          data: {
            id,
            hostId: data.hostId,
            name: data.name,
            files: content.files,
            composeFiles: content.composeFiles,
            envFile: content.envFile,
            profiles: content.profiles,
            source,
            ...(data.git ? gitColumns(id, data.git, null) : NO_GIT),
            createdById: user.id,
          },
        });
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
      return id;
    },
  );
  if (!data.deploy) return { id };
  try {
    return { id, ...(await deployStack(user, id, {}, options)) };
  } catch (err) {
    if (err instanceof BerthError) return { id, deployError: err.toWire() };
    console.error("deploying a new stack failed:", err);
    return { id, deployError: { code: "INTERNAL", message: "Deploying the stack failed." } };
  }
}
