import { listProjects } from "../compose/apply/list-projects";
import type { CommandHandler } from "./command-types";

/** Every compose project on the host, by its com.docker.compose.* labels. */
export const composeList: CommandHandler<"compose.list"> = async (_params, { docker }) => ({
  projects: await listProjects(docker),
});
