import { AsyncLocalStorage } from "node:async_hooks";
import { describeError, log } from "./log";

/** What the server asked for that the current code runs on behalf of (a command, a stream, ...). */
const scope = new AsyncLocalStorage<string>();

/** Runs `work` as part of handling the server's request `name`, for the process guard below. */
export function onBehalfOf<T>(name: string, work: () => T): T {
  return scope.run(name, work);
}

/**
 * An error that escapes every handler (an 'error' event nobody listens to, a rejection nobody
 * awaits) ends a Node process. One that comes from handling a server request (a library
 * following a redirect off the engine's socket, a stream torn down mid-way) is that request's
 * failure, not the agent's: it is logged and the agent goes on serving its host. Anything else
 * still ends the process, with the error in the log; its supervisor (systemd) starts it again.
 */
export function guardProcess(): void {
  const escaped = (kind: string) => (err: unknown) => {
    const request = scope.getStore();
    if (request !== undefined) {
      log.error(`${request}: ${kind} ignored: ${describeError(err)}`);
      return;
    }
    log.error(`fatal: ${kind}: ${describeError(err)}`);
    process.exit(1);
  };
  process.on("uncaughtException", escaped("uncaught exception"));
  process.on("unhandledRejection", escaped("unhandled rejection"));
}
