import type { ServiceLogLine } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";

/**
 * One service log line with details: `2024-05-01T10:00:00.000000000Z
 * com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=… text`.
 */
export function parseServiceLogLine(line: string, stream: "o" | "e"): ServiceLogLine | null {
  const [time = "", details = ""] = line.split(" ", 2);
  if (!/^\d{4}-\d\d-\d\dT/.test(time) || !details.includes("=")) return null;
  const attrs = new Map(
    details.split(",").map((pair) => {
      const eq = pair.indexOf("=");
      return [pair.slice(0, eq), pair.slice(eq + 1)] as const;
    }),
  );
  return {
    time,
    taskId: attrs.get("com.docker.swarm.task.id") ?? "",
    nodeId: attrs.get("com.docker.swarm.node.id") ?? "",
    stream,
    text: line.slice(time.length + details.length + 2),
  };
}

/** Splits the engine's multiplexed log frames (8-byte header each) into lines per stream. */
export function demuxLines(buf: Buffer): Array<{ stream: "o" | "e"; line: string }> {
  const lines: Array<{ stream: "o" | "e"; line: string }> = [];
  const pending: Record<"o" | "e", string> = { o: "", e: "" };
  let at = 0;
  while (at + 8 <= buf.length) {
    const stream = buf[at] === 2 ? "e" : "o";
    const size = buf.readUInt32BE(at + 4);
    const text = pending[stream] + buf.subarray(at + 8, at + 8 + size).toString("utf8");
    const parts = text.split("\n");
    pending[stream] = parts.pop() ?? "";
    for (const line of parts) lines.push({ stream, line: line.replace(/\r$/, "") });
    at += 8 + size;
  }
  for (const stream of ["o", "e"] as const) {
    if (pending[stream]) lines.push({ stream, line: pending[stream] });
  }
  return lines;
}

/** The last lines of every task of a service, merged by time (GET /services/{id}/logs). */
export const serviceLogs: CommandHandler<"service.logs"> = async ({ id, tail }, { docker }) => {
  const raw = (await docker.getService(id).logs({
    stdout: true,
    stderr: true,
    timestamps: true,
    details: true,
    follow: false,
    tail,
  } as never)) as unknown as Buffer;
  const lines = demuxLines(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)))
    .map(({ stream, line }) => parseServiceLogLine(line, stream))
    .filter((line): line is ServiceLogLine => line !== null);
  // RFC 3339 with nanoseconds, all UTC: the strings sort as the times do
  lines.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return { lines: lines.slice(-tail) };
};
