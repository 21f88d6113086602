import {
  AgentCommandRequestSchema,
  AgentCommands,
  describeValidationError,
  type AgentCommandName,
  type AgentCommandReply,
  type WireError,
} from "@/lib/protocol";
import { onBehalfOf } from "../command-scope";
import { describeError, log } from "../log";
import type { CommandContext, CommandRegistry } from "./command-types";
import { toWireError } from "./engine-errors";

type AnyHandler = (params: unknown, ctx: CommandContext) => Promise<unknown>;

const fail = (code: WireError["code"], message: string): AgentCommandReply => ({
  ok: false,
  error: { code, message },
});

/**
 * Validates a `command.call` request, runs its handler and validates the result. Never throws:
 * whatever goes wrong is the reply (a bad command never takes the agent down).
 * A request with a callId gets `callId` and `emitProgress` in its handler's context.
 */
export async function dispatchCommand(
  raw: unknown,
  registry: CommandRegistry,
  ctx: CommandContext,
): Promise<AgentCommandReply> {
  try {
    return await dispatch(raw, registry, ctx);
  } catch (err) {
    log.error(`a command failed unexpectedly: ${describeError(err)}`);
    return fail("INTERNAL", "the agent failed to run the command");
  }
}

async function dispatch(
  raw: unknown,
  registry: CommandRegistry,
  ctx: CommandContext,
): Promise<AgentCommandReply> {
  // JSON drops `params: undefined`: a request without params means "no params".
  const withParams =
    raw && typeof raw === "object" && !Array.isArray(raw) && !("params" in raw)
      ? { ...raw, params: {} }
      : raw;
  const request = AgentCommandRequestSchema.safeParse(withParams);
  if (!request.success) {
    return fail(
      "BAD_REQUEST",
      `malformed command request: ${describeValidationError(request.error)}`,
    );
  }
  const name = request.data.command;
  if (!Object.hasOwn(AgentCommands, name) || !Object.hasOwn(registry, name)) {
    return fail("BAD_REQUEST", `unknown command "${name.slice(0, 100)}"`);
  }
  const definition = AgentCommands[name as AgentCommandName];
  const params = definition.params.safeParse(request.data.params);
  if (!params.success) {
    return fail(
      "BAD_REQUEST",
      `invalid params for ${name}: ${describeValidationError(params.error)}`,
    );
  }
  const handler = registry[name as AgentCommandName] as AnyHandler;
  const { callId } = request.data;
  const send = ctx.sendProgress;
  const callCtx: CommandContext = {
    ...ctx,
    callId,
    emitProgress: callId && send ? (progress) => send({ callId, progress }) : undefined,
    signal: callId ? ctx.calls?.start(callId) : undefined,
  };
  let result: unknown;
  try {
    result = await onBehalfOf(name, () => handler(params.data, callCtx));
  } catch (err) {
    const error = callCtx.signal?.aborted
      ? { code: "CONFLICT" as const, message: "Cancelled." }
      : toWireError(err, ctx.socketPath);
    log.warn(`${name} failed: ${error.code} ${error.message}`);
    return { ok: false, error };
  } finally {
    if (callId) ctx.calls?.finish(callId);
  }
  const checked = definition.result.safeParse(result);
  if (!checked.success) {
    log.error(`${name} produced an invalid result: ${describeValidationError(checked.error)}`);
    return fail("INTERNAL", `agent produced an invalid result for ${name}`);
  }
  return { ok: true, result: checked.data };
}
