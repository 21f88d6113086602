import { downProject } from "../compose/apply/down-project";
import { withProjectLock } from "../compose/apply/project-lock";
import type { CommandHandler } from "./command-types";

/** `docker compose down` for a project found by its labels. */
export const composeDown: CommandHandler<"compose.down"> = async (params, ctx) => ({
  steps: await withProjectLock(params.project, () => downProject(params, ctx)),
});
