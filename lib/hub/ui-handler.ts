import type { Socket } from "socket.io";
import { ZodError, type z } from "zod";
import { BerthError, validationWireError, type WireError } from "@/lib/protocol";

export type UiReply = ({ ok: true } & Record<string, unknown>) | { ok: false; error: WireError };

export function uiFailure(err: unknown): UiReply {
  if (err instanceof BerthError) return { ok: false, error: err.toWire() };
  if (err instanceof ZodError) return { ok: false, error: validationWireError(err) };
  console.error("ui socket:", err);
  return { ok: false, error: { code: "INTERNAL", message: "Something went wrong on the server." } };
}

/**
 * Registers a /ui request handler: the payload is validated with `schema`, the handler's result
 * (or its error, in words for the user) goes back through the socket.io acknowledgement.
 */
export function onRequest<S extends z.ZodType>(
  socket: Socket,
  event: string,
  schema: S,
  handler: (input: z.infer<S>) => Promise<Record<string, unknown> | void>,
): void {
  socket.on(event, async (payload: unknown, ack?: (reply: UiReply) => void) => {
    let reply: UiReply;
    try {
      reply = { ok: true, ...((await handler(schema.parse(payload))) ?? {}) };
    } catch (err) {
      reply = uiFailure(err);
    }
    if (typeof ack === "function") ack(reply);
  });
}
