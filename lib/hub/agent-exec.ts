import type { Socket } from "socket.io";
import {
  BerthError,
  ExecAgentEvents,
  ExecExitSchema,
  ExecOpenReplySchema,
  ExecOutputSchema,
  type ExecStart,
} from "@/lib/protocol";

export type ExecHandlers = {
  /** Output for the terminal (the agent keeps within the terminal's acks: see exec.ack). */
  output(data: string): void;
  exit(exitCode: number | null, error?: string): void;
};

/** The interactive exec sessions running through one agent connection. */
export class AgentExec {
  private readonly sessions = new Map<string, ExecHandlers>();

  constructor(private readonly socket: Socket) {
    socket.on(ExecAgentEvents.output, (payload: unknown) => {
      const output = ExecOutputSchema.safeParse(payload);
      if (output.success) this.sessions.get(output.data.sessionId)?.output(output.data.data);
    });
    socket.on(ExecAgentEvents.exit, (payload: unknown) => {
      const exit = ExecExitSchema.safeParse(payload);
      if (!exit.success) return;
      const session = this.sessions.get(exit.data.sessionId);
      this.sessions.delete(exit.data.sessionId);
      session?.exit(exit.data.exitCode, exit.data.error);
    });
  }

  async open(sessionId: string, params: ExecStart, handlers: ExecHandlers): Promise<void> {
    this.sessions.set(sessionId, handlers);
    let reply: unknown;
    try {
      reply = await this.socket
        .timeout(30_000)
        .emitWithAck(ExecAgentEvents.open, { ...params, sessionId });
    } catch {
      this.sessions.delete(sessionId);
      throw new BerthError("TIMEOUT", "The host did not start the terminal in time.");
    }
    const parsed = ExecOpenReplySchema.safeParse(reply);
    if (!parsed.success || !parsed.data.ok) {
      this.sessions.delete(sessionId);
      const error = parsed.success && !parsed.data.ok ? parsed.data.error : null;
      throw error
        ? BerthError.fromHost(error)
        : new BerthError("INTERNAL", "The terminal could not start.");
    }
  }

  input(sessionId: string, data: string): void {
    if (this.sessions.has(sessionId)) this.socket.emit(ExecAgentEvents.input, { sessionId, data });
  }

  /** The terminal has shown `shown` characters of output: the agent may send more. */
  ack(sessionId: string, shown: number): void {
    if (this.sessions.has(sessionId)) this.socket.emit(ExecAgentEvents.ack, { sessionId, shown });
  }

  resize(sessionId: string, cols: number, rows: number): void {
    if (this.sessions.has(sessionId))
      this.socket.emit(ExecAgentEvents.resize, { sessionId, cols, rows });
  }

  close(sessionId: string): void {
    if (!this.sessions.delete(sessionId)) return;
    this.socket.emit(ExecAgentEvents.close, { sessionId });
  }

  /** The agent is gone: every session ends. */
  failAll(): void {
    for (const [, session] of this.sessions) session.exit(null, "The host went offline.");
    this.sessions.clear();
  }
}
