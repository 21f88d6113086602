import { upProject } from "../compose/apply/up-project";
import type { CommandHandler } from "./command-types";

/** `docker compose up -d` for a judged plan; each step live on the call's progress channel. */
export const composeUp: CommandHandler<"compose.up"> = async (params, ctx) => ({
  steps: await upProject(params, ctx),
});
