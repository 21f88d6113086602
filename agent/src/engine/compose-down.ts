import { downProject } from "../compose/apply/down-project";
import type { CommandHandler } from "./command-types";

/** `docker compose down` for a project found by its labels. */
export const composeDown: CommandHandler<"compose.down"> = async (params, ctx) => ({
  steps: await downProject(params, ctx),
});
