import { runLifecycle } from "../compose/apply/run-lifecycle";
import type { CommandHandler } from "./command-types";

/** `docker compose start|stop|restart` for a project found by its labels. */
export const composeLifecycle: CommandHandler<"compose.lifecycle"> = async (params, ctx) => ({
  steps: await runLifecycle(params, ctx),
});
