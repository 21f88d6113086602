import { readFile } from "node:fs/promises";
import type { Duplex } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type Docker from "dockerode";
import {
  EXEC_OUTPUT_WINDOW,
  ExecAckSchema,
  ExecCloseSchema,
  ExecInputSchema,
  ExecOpenSchema,
  ExecResizeSchema,
  describeValidationError,
  type WireError,
} from "@/lib/protocol";
import { toWireError } from "../engine/engine-errors";
import { describeError, log } from "../log";
import { readSome } from "../streams/stream-manager";

/** Largest exec.output message: output that piles up while the window is full is coalesced up to this. */
export const MAX_EXEC_OUTPUT_BYTES = 64 * 1024;

export type ExecOpenReply = { ok: true } | { ok: false; error: WireError };

export interface ExecExit {
  sessionId: string;
  exitCode: number | null;
  error?: string;
}

/** Where session output goes. */
export interface ExecSink {
  output(sessionId: string, data: string): void;
  exit(message: ExecExit): void;
}

interface Session {
  id: string;
  exec: Docker.Exec;
  stream: Duplex;
  closed: boolean;
  /** output characters sent, and shown by the terminal as its last exec.ack said */
  sent: number;
  shown: number;
  /** the pump waits here while the window is full; an ack or the close wakes it */
  wake: (() => void) | null;
}

/**
 * Interactive exec sessions (`docker exec -it`): a TTY exec started hijacked, stdin from
 * exec.input, output as exec.output messages. Output runs at most EXEC_OUTPUT_WINDOW characters
 * ahead of the terminal's exec.ack; beyond that the engine socket stays paused, and what piles up
 * goes out in messages of up to 64 KiB. Idle output goes out at once: no timers.
 */
export class ExecSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly docker: Docker,
    private readonly socketPath: string,
    private readonly sink: ExecSink,
  ) {}

  get openCount(): number {
    return this.sessions.size;
  }

  /** exec.open: creates, starts and sizes the exec; the reply is the ack. */
  async open(raw: unknown): Promise<ExecOpenReply> {
    const req = ExecOpenSchema.safeParse(raw);
    if (!req.success) {
      const message = `invalid exec.open: ${describeValidationError(req.error)}`;
      return { ok: false, error: { code: "BAD_REQUEST", message } };
    }
    const { sessionId, id, cmd, user, cols, rows } = req.data;
    if (this.sessions.has(sessionId)) {
      return {
        ok: false,
        error: { code: "CONFLICT", message: `exec session ${sessionId} is already open` },
      };
    }
    let exec: Docker.Exec;
    let stream: Duplex;
    try {
      exec = await this.docker.getContainer(id).exec({
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        Cmd: cmd,
        ...(user ? { User: user } : {}),
        Env: ["TERM=xterm-256color"],
      });
      stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as unknown as Duplex;
    } catch (err) {
      const error = toWireError(err, this.socketPath);
      log.warn(`exec in ${id} refused: ${error.code} ${error.message}`);
      return { ok: false, error };
    }
    stream.pause();
    stream.on("error", () => {}); // reported through the pump
    if (this.sessions.has(sessionId)) {
      stream.destroy();
      return {
        ok: false,
        error: { code: "CONFLICT", message: `exec session ${sessionId} is already open` },
      };
    }
    const session: Session = {
      id: sessionId,
      exec,
      stream,
      closed: false,
      sent: 0,
      shown: 0,
      wake: null,
    };
    this.sessions.set(sessionId, session);
    await this.resizeExec(session, cols, rows);
    // after the ack has gone out: the first output must not overtake it
    setImmediate(() => void this.pump(session));
    return { ok: true };
  }

  /** exec.input: keystrokes or pasted text. */
  input(raw: unknown): void {
    const req = ExecInputSchema.safeParse(raw);
    if (!req.success) return;
    const session = this.sessions.get(req.data.sessionId);
    if (!session || session.closed || !session.stream.writable) return;
    session.stream.write(req.data.data);
  }

  /** exec.ack: the terminal has shown this much output; more may follow. */
  ack(raw: unknown): void {
    const req = ExecAckSchema.safeParse(raw);
    if (!req.success) return;
    const session = this.sessions.get(req.data.sessionId);
    if (!session || req.data.shown <= session.shown) return;
    session.shown = Math.min(req.data.shown, session.sent);
    session.wake?.();
  }

  /** exec.resize: the terminal's new size. */
  resize(raw: unknown): void {
    const req = ExecResizeSchema.safeParse(raw);
    if (!req.success) return;
    const session = this.sessions.get(req.data.sessionId);
    if (!session || session.closed) return;
    void this.resizeExec(session, req.data.cols, req.data.rows);
  }

  /** exec.close: the user closed the terminal. No exec.exit follows. */
  close(raw: unknown): void {
    const req = ExecCloseSchema.safeParse(raw);
    if (req.success) this.closeSession(req.data.sessionId);
  }

  /** On disconnect: every session ends (the process gets end of input and a hang-up). */
  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.closeSession(id);
  }

  private closeSession(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    session.closed = true;
    this.sessions.delete(sessionId);
    session.wake?.();
    try {
      session.stream.end();
    } catch {
      // already gone
    }
    session.stream.destroy();
    void hangUp(session);
  }

  private async resizeExec(session: Session, cols: number, rows: number): Promise<void> {
    try {
      await session.exec.resize({ h: rows, w: cols });
    } catch (err) {
      // the process may have ended already (404/409): nothing to size
      const status = (err as { statusCode?: unknown }).statusCode;
      if (!session.closed && status !== 404 && status !== 409)
        log.warn(`exec resize failed: ${describeError(err)}`);
    }
  }

  private async pump(session: Session): Promise<void> {
    const { stream } = session;
    // a character split across reads is held back until its last byte arrives
    const utf8 = new StringDecoder("utf8");
    let error: string | undefined;
    const send = async (text: string) => {
      while (!session.closed && session.sent - session.shown >= EXEC_OUTPUT_WINDOW) {
        await new Promise<void>((resolve) => (session.wake = resolve));
        session.wake = null;
      }
      if (!text || session.closed) return;
      this.sink.output(session.id, text);
      session.sent += text.length;
    };
    try {
      for (;;) {
        const data = await readSome(stream);
        if (data === null || session.closed) break;
        // a character held back from the last piece (≤ 3 bytes) joins the next: leave room for it
        const step = MAX_EXEC_OUTPUT_BYTES - 3;
        for (let off = 0; off < data.length && !session.closed; off += step) {
          await send(utf8.write(data.subarray(off, off + step)));
        }
        if (session.closed) break;
      }
      await send(utf8.end());
    } catch (err) {
      if (!session.closed) error = describeError(err);
    }
    if (session.closed) return;
    this.sessions.delete(session.id);
    session.closed = true;
    stream.destroy();
    const exitCode = await this.exitCode(session.exec);
    this.sink.exit({ sessionId: session.id, exitCode, ...(error ? { error } : {}) });
  }

  /** The exec's exit code once the engine has it (it may lag the end of output briefly). */
  private async exitCode(exec: Docker.Exec): Promise<number | null> {
    for (let i = 0; i < 50; i++) {
      try {
        const info = (await exec.inspect()) as { Running?: boolean; ExitCode?: number | null };
        if (!info.Running) return typeof info.ExitCode === "number" ? info.ExitCode : null;
      } catch {
        return null;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return null;
  }
}

/**
 * The engine keeps an exec's process running when its stream closes: hang it up like a closed
 * terminal, so a closed (or revoked) session leaves no shell behind in the container. The agent
 * shares the engine's process namespace on a host; where it does not, the process is left alone.
 */
async function hangUp(session: Session): Promise<void> {
  try {
    const info = await session.exec.inspect();
    if (!info.Running || !(info.Pid > 0) || !info.ContainerID) return;
    // Only a process in the container's cgroup: in another pid namespace, or after the pid was
    // reused, the number names some other process.
    const cgroup = await readFile(`/proc/${info.Pid}/cgroup`, "utf8");
    if (cgroup.includes(info.ContainerID)) process.kill(info.Pid, "SIGHUP");
  } catch {
    // already ended, or not ours to signal
  }
}
