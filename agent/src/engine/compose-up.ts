import { upProject } from "../compose/apply/up-project";
import { withProjectLock } from "../compose/apply/project-lock";
import type { CommandHandler } from "./command-types";

/** `docker compose up -d` for a judged plan; each step live on the call's progress channel. */
export const composeUp: CommandHandler<"compose.up"> = async (params, ctx) => ({
  steps: await withProjectLock(params.plan.project, () => upProject(params, ctx)),
});
