import { runLifecycle } from "../compose/apply/run-lifecycle";
import { withProjectLock } from "../compose/apply/project-lock";
import type { CommandHandler } from "./command-types";

/** `docker compose start|stop|restart` for a project found by its labels. */
export const composeLifecycle: CommandHandler<"compose.lifecycle"> = async (params, ctx) => ({
  steps: await withProjectLock(params.project, () => runLifecycle(params, ctx)),
});
