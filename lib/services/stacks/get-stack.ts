import { roleAllows } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { readHostProjects } from "./list-stacks";
import { requireStack } from "./require-stack";
import type { StackDetail, StackGitSource } from "./stack-row";
import { gitSourceOf, storedFiles, toStackRow } from "./stack-view";
import { webhookPathOf } from "./stack-webhook";

/** The webhook URL is a credential: only those who may deploy see it. */
function withWebhookPath(git: StackGitSource | null, webhookPath: string | null) {
  return git && { ...git, webhookPath };
}

/**
 * The stack page: the saved stack, its files and what runs on the host under its name. Compose
 * files are shown to every role that may read the stack; the other files (.env, env_files,
 * secrets, configs, Dockerfiles) may hold secrets and are withheld below stack.deploy, named in
 * `withheldFiles`. Values written into a compose file itself are visible to viewers.
 */
export async function getStack(user: SessionUser, stackId: string): Promise<StackDetail> {
  const { stack, host, role } = await requireStack(user, stackId, "stack.read");
  const online = getAgentHub().isOnline(host.id);
  const projects = await readHostProjects(host.id);
  const project = projects?.find((p) => p.name === stack.name) ?? null;
  const canDeploy = roleAllows(role, "stack.deploy");
  const files = storedFiles(stack);
  const composeFiles = new Set(stack.composeFiles);
  const ordered = [
    ...stack.composeFiles.flatMap((path) => files.filter((f) => f.path === path)),
    ...files.filter((f) => !composeFiles.has(f.path)),
  ];
  const shown = canDeploy ? ordered : ordered.filter((f) => composeFiles.has(f.path));
  return {
    row: toStackRow({ id: host.id, name: host.name, online }, stack, project, projects !== null),
    files: shown,
    withheldFiles: ordered.filter((f) => !shown.includes(f)).map((f) => f.path),
    composeFiles: stack.composeFiles,
    envFile: stack.envFile,
    profiles: stack.profiles,
    git: withWebhookPath(gitSourceOf(stack), canDeploy ? webhookPathOf(stack) : null),
    project,
    canDeploy,
  };
}
