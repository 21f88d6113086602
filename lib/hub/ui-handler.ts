import type { Socket } from "socket.io";
import { ZodError, type z } from "zod";
import {
  BerthError,
  UiRequests,
  validationWireError,
  type UiClientToServerEvents,
  type UiRequestKey,
  type UiServerToClientEvents,
  type WireError,
} from "@/lib/protocol";

export type UiReply = ({ ok: true } & Record<string, unknown>) | { ok: false; error: WireError };

export function uiFailure(err: unknown): UiReply {
  if (err instanceof BerthError) return { ok: false, error: err.toWire() };
  if (err instanceof ZodError) return { ok: false, error: validationWireError(err) };
  console.error("ui socket:", err);
  return { ok: false, error: { code: "INTERNAL", message: "Something went wrong on the server." } };
}

/** A browser's /ui socket as the server sees it. */
export type UiSocket = Socket<UiClientToServerEvents, UiServerToClientEvents>;

type Requests = typeof UiRequests;

/**
 * What the server does for each /ui request, given its validated params: an answered request
 * resolves with its reply body, an unanswered one just acts. One handler per entry of UiRequests,
 * so a request added to the protocol does not compile until the server handles it.
 */
export type UiRequestHandlers = {
  [K in UiRequestKey]: (
    params: z.infer<Requests[K]["params"]>,
  ) => Requests[K] extends { reply: infer S extends z.ZodType } ? Promise<z.input<S>> : void;
};

/**
 * Registers every /ui request handler on a socket. Each payload is validated with its schema from
 * UiRequests: a malformed one is answered with BAD_REQUEST, or dropped when the request has no
 * answer. An answered handler's result (or its error, in words for the user) goes back through
 * the socket.io acknowledgement.
 */
export function serveUiRequests(socket: UiSocket, handlers: UiRequestHandlers): void {
  for (const key of Object.keys(UiRequests) as UiRequestKey[]) {
    const request: { event: string; params: z.ZodType; reply?: z.ZodType } = UiRequests[key];
    const handler = handlers[key] as (params: unknown) => Promise<object> | void;
    if (request.reply) {
      socket.on(
        request.event as keyof UiClientToServerEvents,
        async (payload: unknown, ack?: unknown) => {
          let reply: UiReply;
          try {
            reply = { ok: true, ...(await handler(request.params.parse(payload))) };
          } catch (err) {
            reply = uiFailure(err);
          }
          if (typeof ack === "function") ack(reply);
        },
      );
    } else {
      socket.on(request.event as keyof UiClientToServerEvents, (payload: unknown) => {
        const parsed = request.params.safeParse(payload);
        if (parsed.success) handler(parsed.data);
      });
    }
  }
}
