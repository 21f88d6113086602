import { z } from "zod";
import { WireErrorSchema } from "./errors";
import { ContainerRefSchema } from "./containers";

const Size = z.object({
  cols: z.number().int().min(1).max(1000),
  rows: z.number().int().min(1).max(1000),
});

/** An interactive terminal in a container: `docker exec -it`. */
export const ExecStartSchema = z.object({
  id: ContainerRefSchema,
  /** e.g. ["sh"], ["bash"], or a custom command split into words */
  cmd: z.array(z.string().min(1)).min(1).max(100),
  user: z.string().trim().max(100).optional(),
  cols: Size.shape.cols,
  rows: Size.shape.rows,
});
export type ExecStart = z.infer<typeof ExecStartSchema>;

/** server → agent "exec.open" (ack ExecOpenReply) */
export const ExecOpenSchema = ExecStartSchema.extend({ sessionId: z.string().min(1).max(100) });
export const ExecOpenReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: WireErrorSchema }),
]);
/**
 * Terminal text travels as strings, not bytes: a string is one websocket frame where bytes take
 * two (socket.io sends binary as an attachment), which is most of a keystroke's round trip.
 */
const TerminalText = z.string().max(1024 * 1024);
/** server → agent "exec.input": keystrokes / pasted text */
export const ExecInputSchema = z.object({ sessionId: z.string(), data: TerminalText });
/** server → agent "exec.resize" */
export const ExecResizeSchema = Size.extend({ sessionId: z.string() });
/** server → agent "exec.close": the user closed the terminal */
export const ExecCloseSchema = z.object({ sessionId: z.string() });
/** agent → server → browser "exec.output" (UTF-8 decoded); flow control is by exec.ack */
export const ExecOutputSchema = z.object({ sessionId: z.string(), data: TerminalText });
export type ExecOutput = z.infer<typeof ExecOutputSchema>;
/**
 * browser → server → agent "exec.ack": the terminal has shown `shown` characters of the session's
 * output so far. The agent sends at most EXEC_OUTPUT_WINDOW characters beyond the last ack, so
 * typing never waits for an ack while a flood of output is held at the engine, not in memory.
 */
export const ExecAckSchema = z.object({
  sessionId: z.string(),
  shown: z.number().int().nonnegative(),
});
/** Output characters the agent sends ahead of the terminal's last ack. */
export const EXEC_OUTPUT_WINDOW = 256 * 1024;
/** The terminal acks once it has shown this many characters since its last ack. */
export const EXEC_ACK_EVERY = 32 * 1024;
/** agent → server "exec.exit": the process ended (exit code when known) or failed */
export const ExecExitSchema = z.object({
  sessionId: z.string(),
  exitCode: z.number().int().nullable(),
  error: z.string().optional(),
});
export type ExecExit = z.infer<typeof ExecExitSchema>;

export const ExecAgentEvents = {
  open: "exec.open",
  input: "exec.input",
  resize: "exec.resize",
  close: "exec.close",
  output: "exec.output",
  ack: "exec.ack",
  exit: "exec.exit",
} as const;
