import { z } from "zod";
import { ContainerRefSchema } from "./containers";
import { shiftUnixTime, unixTimeKey } from "./log-time";

/** Engine timestamps as UNIX seconds with up to nanosecond fraction, e.g. "1732300000.123456789". */
export const LogTimeSchema = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,9})?$/, "Not a UNIX time in seconds.");

/** What a log view asks for: the same options `docker logs` takes. */
export const LogOptionsSchema = z.object({
  id: ContainerRefSchema,
  follow: z.boolean().default(true),
  /** Lines from the end to start with; "all" for the whole log. */
  tail: z.union([z.number().int().min(0).max(10_000_000), z.literal("all")]).default(200),
  since: LogTimeSchema.optional(),
  until: LogTimeSchema.optional(),
});
export type LogOptions = z.infer<typeof LogOptionsSchema>;
export type LogOptionsInput = z.input<typeof LogOptionsSchema>;

/**
 * One log line: s, the output stream; t, the engine's RFC 3339 timestamp with nanoseconds (always
 * there, so a view can resume after a reconnect without losing or repeating lines); m, the text
 * without its newline.
 *
 * The agent's "container.logs" byte stream, and the batches the browser gets, carry one record
 * per line: "o" (stdout) or "e" (stderr), the timestamp, a space, the text as the container
 * wrote it (UTF-8, never escaped: it holds no newline), and "\n". That is the engine's own log
 * message with a one-letter stream in front: nothing to escape on the way, little to parse.
 */
export const LogLineSchema = z.object({
  s: z.enum(["out", "err"]),
  t: z.string(),
  m: z.string(),
});
export type LogLine = z.infer<typeof LogLineSchema>;

/** The last line a view holds of one output stream: its time, and how many held lines share it. */
export const LogResumeMarkSchema = z.object({
  since: LogTimeSchema,
  skip: z.number().int().min(1).max(1_000_000),
});
/**
 * Where a view stands, per output stream. stdout and stderr are stamped by separate copiers in
 * the engine, so across the two a later line can carry an earlier stamp: one resume time for
 * both would lose or repeat lines. Within one stream stamps only grow.
 */
export const LogResumeSchema = z.object({
  out: LogResumeMarkSchema.optional(),
  err: LogResumeMarkSchema.optional(),
});
export type LogResume = z.infer<typeof LogResumeSchema>;

/**
 * How much earlier than the earliest mark a resume reads again: a line of the other stream that
 * the view never got may carry a stamp up to this much older than lines it did get.
 */
export const RESUME_MARGIN_SECONDS = 2;

/** Browser → server on /ui: follow one container's log; `resume` continues an earlier view. */
export const LogSubscribeSchema = z.object({
  hostId: z.string().min(1).max(100),
  options: LogOptionsSchema,
  resume: LogResumeSchema.optional(),
});
export type LogSubscribe = z.input<typeof LogSubscribeSchema>;

/**
 * Server → browser: a batch of lines for one subscription, as the agent produced them (log
 * records, see LogLineSchema), sent as bytes: a string would be escaped into the message's JSON
 * and unescaped again. The browser acks each batch.
 */
export const LogBatchSchema = z.object({
  subscriptionId: z.string(),
  /** An ArrayBuffer in the browser; a Node Buffer, of any backing memory, on the server. */
  data: z.union([
    z.instanceof(ArrayBuffer),
    z.custom<Uint8Array>((data) => data instanceof Uint8Array),
  ]),
});

const utf8 = new TextDecoder();

/** The lines of a batch as it arrives (bytes; text is taken too); malformed records are skipped. */
export function decodeLogBatch(data: unknown): LogLine[] {
  if (typeof data === "string") return parseLogBatch(data);
  if (data instanceof ArrayBuffer) return parseLogBatch(utf8.decode(new Uint8Array(data)));
  if (ArrayBuffer.isView(data)) {
    return parseLogBatch(
      utf8.decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    );
  }
  return [];
}

/** One record of the log stream ("o2024-05-01T10:00:00.1Z text"), without its newline. */
export function parseLogRecord(record: string): LogLine | null {
  const stream = record[0] === "o" ? "out" : record[0] === "e" ? "err" : null;
  const space = record.indexOf(" ", 1);
  if (stream === null || space < 0) return null;
  return { s: stream, t: record.slice(1, space), m: record.slice(space + 1) };
}

/** A line as a record of the log stream, newline included. */
export function logRecord(line: LogLine): string {
  return `${line.s === "err" ? "e" : "o"}${line.t} ${line.m.replaceAll("\n", " ")}\n`;
}

/** The lines of a batch; malformed records (a stream cut short) are skipped. */
export function parseLogBatch(data: string): LogLine[] {
  const lines: LogLine[] = [];
  let start = 0;
  for (;;) {
    const end = data.indexOf("\n", start);
    if (end < 0) break;
    const line = end > start ? parseLogRecord(data.slice(start, end)) : null;
    if (line) lines.push(line);
    start = end + 1;
  }
  return lines;
}

/** Server → browser: the subscription is over. "behind": the tab read too slowly; resume. */
export const LogEndSchema = z.object({
  subscriptionId: z.string(),
  reason: z.enum(["ended", "behind", "error"]),
  message: z.string().optional(),
});

/** The `since` a resumed read starts at; null when the view holds no line yet. */
export function resumeSince(resume: LogResume): string | null {
  const marks = [resume.out, resume.err].filter((m) => m !== undefined);
  if (marks.length === 0) return null;
  const earliest = marks.reduce((a, b) => (unixTimeKey(b.since) < unixTimeKey(a.since) ? b : a));
  return shiftUnixTime(earliest.since, -RESUME_MARGIN_SECONDS);
}
