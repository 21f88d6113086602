import { z } from "zod";
import { ContainerRefSchema } from "./containers";

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
 * One log line. The agent's "container.logs" byte stream carries these as newline-delimited
 * JSON: { s: "out" | "err", t: RFC 3339 timestamp with nanoseconds from the engine, m: text
 * without the trailing newline }. The timestamp is always there so a view can resume after a
 * reconnect without losing or repeating lines.
 */
export const LogLineSchema = z.object({
  s: z.enum(["out", "err"]),
  t: z.string(),
  m: z.string(),
});
export type LogLine = z.infer<typeof LogLineSchema>;

/** Browser → server on /ui: follow one container's log. `skip` drops that many lines at `since`. */
export const LogSubscribeSchema = z.object({
  hostId: z.string().min(1).max(100),
  options: LogOptionsSchema,
  /** Lines already shown whose timestamp equals `since` (for exact resume). */
  skip: z.number().int().min(0).max(1_000_000).default(0),
});
export type LogSubscribe = z.input<typeof LogSubscribeSchema>;

/**
 * Server → browser: a batch of lines for one subscription, as the agent produced them
 * (newline-delimited JSON LogLine records, passed through without re-encoding); the browser
 * acks each batch.
 */
export const LogBatchSchema = z.object({
  subscriptionId: z.string(),
  data: z.string(),
});

/** The lines of a batch; malformed records are skipped. */
export function parseLogBatch(data: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const record of data.split("\n")) {
    if (!record) continue;
    try {
      const line = JSON.parse(record) as LogLine;
      if (typeof line.m === "string" && typeof line.t === "string") lines.push(line);
    } catch {
      // A record cut by a broken stream carries nothing worth showing.
    }
  }
  return lines;
}

/** Server → browser: the subscription is over. "behind": the tab read too slowly; resume. */
export const LogEndSchema = z.object({
  subscriptionId: z.string(),
  reason: z.enum(["ended", "behind", "error"]),
  message: z.string().optional(),
});

/**
 * "2024-05-01T10:00:00.12Z" → "1714557600.120000000": the engine's line timestamp as the UNIX
 * seconds (nanosecond fraction) that `since` takes, computed on strings so no precision is lost.
 */
export function logTimeToUnix(timestamp: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(
    timestamp,
  );
  if (!match) return null;
  const seconds = Date.parse(`${match[1]}${match[3]}`) / 1000;
  if (!Number.isFinite(seconds)) return null;
  return `${seconds}.${(match[2] ?? "").padEnd(9, "0")}`;
}
