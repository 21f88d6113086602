import { Transform, type Readable } from "node:stream";
import { z } from "zod";
import { ContainerRefSchema, LogTimeSchema, parseLogRecord } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";

export const LogDownloadQuerySchema = z.object({
  timestamps: z.enum(["0", "1"]).default("1"),
  tail: z.union([z.literal("all"), z.coerce.number().int().min(0).max(100_000_000)]).default("all"),
  since: LogTimeSchema.optional(),
  until: LogTimeSchema.optional(),
});

/** Log records → the plain text a user expects in a .log file. */
function toText(timestamps: boolean): Transform {
  let partial = "";
  const render = (record: string): string => {
    const line = parseLogRecord(record);
    if (!line) return "";
    return `${timestamps ? `${line.t} ` : ""}${line.s === "err" ? "[stderr] " : ""}${line.m}\n`;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const parts = (partial + chunk.toString("utf8")).split("\n");
      partial = parts.pop() ?? "";
      callback(null, parts.filter(Boolean).map(render).join(""));
    },
    flush(callback) {
      callback(null, partial ? render(partial) : "");
    },
  });
}

/** The whole log (or a window of it), streamed from the engine as text, never held in memory. */
export async function downloadContainerLogs(
  user: SessionUser,
  hostId: string,
  containerId: string,
  query: unknown,
): Promise<{ stream: Readable; fileName: string }> {
  const id = ContainerRefSchema.parse(containerId);
  const { timestamps, tail, since, until } = LogDownloadQuerySchema.parse(query);
  await requireHostPermission(user, hostId, "container.logs");
  const hub = getAgentHub();
  const source = await hub.openStream(hostId, "container.logs", {
    id,
    follow: false,
    tail,
    since,
    until,
  });
  const text = toText(timestamps === "1");
  source.on("error", (err) => text.destroy(err));
  text.on("close", () => source.destroy());
  const name = hub.containers.find(hostId, id)?.name ?? id;
  return { stream: source.pipe(text), fileName: `${name.replace(/[^A-Za-z0-9_.-]/g, "_")}.log` };
}
