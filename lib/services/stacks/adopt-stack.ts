import { randomUUID } from "node:crypto";
import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { audited } from "@/lib/services/audit/audited";
import { requireFreeStackName } from "./create-stack";
import { StackAdoptSchema } from "./stack-input";
import { STACK_TIMEOUTS_MS } from "./audited-stack";

/** The compose file an adopted stack starts with. */
export const ADOPTED_COMPOSE_FILE = "compose.yaml";

/** A label's text as one short comment line: it came from the host and may hold anything. */
const commentText = (text: string) => text.replace(/[\r\n\t]/g, " ").slice(0, 300);

/**
 * The editor's first content for an adopted project: where the host says it came from, and what
 * to do. The files are not read from the host: its config_files label can name any path there.
 */
function adoptedNote(project: string, configFiles: string[], workingDir: string | null): string {
  const origin = configFiles.length
    ? configFiles.slice(0, 10).map((f) => `#   ${commentText(f)}`)
    : ["#   (no compose files are named on its containers)"];
  return [
    `# ${project} was started on the host with docker compose, from:`,
    ...origin,
    ...(workingDir ? [`# in the folder ${commentText(workingDir)}`] : []),
    "# Berth does not read files on the host. Paste the project's compose file here (and add its",
    "# .env and other files), check the preview, then deploy. Until then the running containers",
    "# are left as they are.",
    "",
  ].join("\n");
}

/**
 * Makes a project found on the host by its labels a saved stack, under the same name, so it can
 * be edited and deployed from Berth. Needs stack.deploy on the host.
 */
export async function adoptStack(
  user: SessionUser,
  input: unknown,
  clientAddress?: string,
): Promise<{ id: string }> {
  const { hostId, project } = StackAdoptSchema.parse(input);
  return audited(
    { actor: user, action: "stack.adopt", hostId, target: project, clientAddress },
    async () => {
      await requireHostPermission(user, hostId, "stack.deploy");
      await requireFreeStackName(hostId, project);
      const { projects } = await getAgentHub().call(
        hostId,
        "compose.list",
        {},
        { timeoutMs: STACK_TIMEOUTS_MS.plan },
      );
      const found = projects.find((p) => p.name === project);
      if (!found)
        throw new BerthError(
          "NOT_FOUND",
          `The host has no compose project named ${project}.`,
          "project",
          { external: true },
        );
      const id = randomUUID();
      await db.stack.create({
        data: {
          id,
          hostId,
          name: project,
          files: [
            {
              path: ADOPTED_COMPOSE_FILE,
              content: adoptedNote(project, found.configFiles, found.workingDir),
            },
          ],
          composeFiles: [ADOPTED_COMPOSE_FILE],
          profiles: [],
          source: "editor",
          createdById: user.id,
        },
      });
      getAgentHub().stacksChanged(hostId);
      return { id };
    },
  );
}
