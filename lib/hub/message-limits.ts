import type { Socket } from "socket.io";

const MiB = 1024 * 1024;

/**
 * The largest message socket.io takes from a connection it knows nothing about yet, and from a
 * browser ever: a terminal paste (1 MiB of text) with room to spare. engine.io holds a whole
 * message before anyone looks at it, so this is what an unauthenticated client can make the
 * server hold per connection.
 */
export const SOCKET_MESSAGE_LIMIT = 2 * MiB;

/** An authenticated agent's largest message: a container snapshot of thousands of containers. */
export const AGENT_MESSAGE_LIMIT = 64 * MiB;

type WebSocketTransport = {
  name: string;
  /** engine.io's websocket transport wraps a `ws` socket, whose receiver enforces the limit. */
  socket?: { _receiver?: { _maxPayload?: unknown } };
};

/**
 * Lets an authenticated agent's websocket carry messages up to AGENT_MESSAGE_LIMIT. `ws` reads
 * the limit from its receiver for every frame, so raising it applies from the next message on;
 * the agent sends nothing large before its handshake is answered. False when the connection is
 * not a websocket, or a `ws` release keeps its limit elsewhere (the limit then stays as it was).
 */
export function allowAgentMessages(socket: Socket): boolean {
  const transport = socket.conn.transport as unknown as WebSocketTransport;
  const receiver = transport.socket?._receiver;
  if (transport.name !== "websocket" || typeof receiver?._maxPayload !== "number") return false;
  receiver._maxPayload = AGENT_MESSAGE_LIMIT;
  return true;
}
