import { promises as fs } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** What the agent keeps between runs: who it is and which server it belongs to. */
export const AgentStateSchema = z.object({
  serverUrl: z.string().min(1),
  hostId: z.string().min(1),
  hostKey: z.string().min(16),
});
export type AgentState = z.infer<typeof AgentStateSchema>;

export class StateFileError extends Error {
  constructor(
    public readonly path: string,
    message: string,
  ) {
    super(`state file ${path}: ${message}`);
    this.name = "StateFileError";
  }
}

/** null when the file does not exist; StateFileError when it exists but cannot be used. */
export async function readState(file: string): Promise<AgentState | null> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new StateFileError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StateFileError(file, "is not valid JSON");
  }
  const parsed = AgentStateSchema.safeParse(json);
  if (!parsed.success) throw new StateFileError(file, "lacks serverUrl, hostId or hostKey");
  return parsed.data;
}

/** Atomic replace: temp file (0600) + fsync + rename + directory fsync. New directories are 0700. */
export async function writeState(file: string, state: AgentState): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(tmp, "w", 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  const dirHandle = await fs.open(dir, "r");
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}
