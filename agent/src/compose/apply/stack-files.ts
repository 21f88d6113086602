import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { BerthError, StackFilePathSchema, type ComposePlan, type StackFile } from "@/lib/protocol";
import { isWithin } from "../../policy/resolve-host-path";

const errno = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code;

async function lstatOrNull(p: string) {
  try {
    return await fs.lstat(p);
  } catch (err) {
    if (errno(err) === "ENOENT") return null;
    throw err;
  }
}

/** The agent's folder for compose stacks; refused when the agent was started without one. */
export function requireStacksDir(stacksDir: string | undefined): string {
  if (!stacksDir) throw new BerthError("INTERNAL", "This agent has no folder for compose stacks.");
  return stacksDir;
}

/** The one folder a project's files may live in: `<stacksDir>/<project>`. */
export const stackFolder = (stacksDir: string, project: string) => path.join(stacksDir, project);

/** Which files of the stack the agent wrote last, kept beside (not in) the stack's folder. */
const manifestPath = (stacksDir: string, project: string) =>
  path.join(stacksDir, `.${project}.files.json`);

/** A plan deploys only into its own folder under the agent's stacks folder. */
export function checkWorkingDir(plan: ComposePlan, stacksDir: string): void {
  const expected = stackFolder(stacksDir, plan.project);
  if (plan.workingDir !== expected) {
    throw new BerthError(
      "FORBIDDEN",
      `The plan's working folder ${plan.workingDir} is not ${expected}: this host keeps project ${plan.project}'s files there and nowhere else.`,
      "plan.workingDir",
    );
  }
}

/**
 * Walks to the folder that holds `relative` inside `root`, creating missing folders, refusing a
 * symlink or a non-folder on the way (a container binding part of the stack's folder could have
 * put one there to lead a write out of it). Resolves with the folder's path.
 */
async function folderFor(root: string, relative: string, create: boolean): Promise<string | null> {
  const parts = relative.split("/").slice(0, -1);
  let current = root;
  for (const part of parts) {
    current = path.join(current, part);
    const stat = await lstatOrNull(current);
    if (stat === null) {
      if (!create) return null;
      await fs.mkdir(current, { mode: 0o755 });
      continue;
    }
    if (stat.isSymbolicLink() || !stat.isDirectory()) {
      throw new BerthError(
        "CONFLICT",
        `${path.relative(root, current)} in the stack's folder is ${stat.isSymbolicLink() ? "a symlink" : "not a folder"}, so ${relative} is not written through it. Remove it on the host first.`,
        "files",
      );
    }
  }
  const real = await fs.realpath(current);
  if (!isWithin(real, await fs.realpath(root))) {
    throw new BerthError("CONFLICT", `${relative} would land outside the stack's folder.`, "files");
  }
  return current;
}

/** The stack's folder, created if missing; never a symlink (its files would land elsewhere). */
async function ensureFolder(stacksDir: string, project: string): Promise<string> {
  await fs.mkdir(stacksDir, { recursive: true, mode: 0o700 });
  const folder = stackFolder(stacksDir, project);
  const stat = await lstatOrNull(folder);
  if (stat === null) await fs.mkdir(folder, { mode: 0o700 });
  else if (stat.isSymbolicLink() || !stat.isDirectory())
    throw new BerthError(
      "CONFLICT",
      `${folder} is ${stat.isSymbolicLink() ? "a symlink" : "not a folder"}: the stack's files are not written there.`,
      "plan.workingDir",
    );
  return folder;
}

/** Writes through a temporary file renamed over the old one: a reader sees the old or the new. */
async function writeAtomically(folder: string, name: string, content: string): Promise<void> {
  const target = path.join(folder, name);
  const existing = await lstatOrNull(target);
  if (existing?.isDirectory())
    throw new BerthError("CONFLICT", `${target} is a folder on the host, not a file.`, "files");
  const temporary = path.join(folder, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await fs.open(temporary, "wx", 0o644);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temporary, target);
  } catch (err) {
    await fs.rm(temporary, { force: true });
    throw err;
  }
}

async function readManifest(stacksDir: string, project: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(manifestPath(stacksDir, project), "utf8");
  } catch (err) {
    if (errno(err) === "ENOENT") return [];
    throw err;
  }
  const parsed = StackFilePathSchema.array().safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : [];
}

/** Removes one of the stack's files and the folders it leaves empty; never follows a symlink. */
async function removeStackFile(folder: string, relative: string): Promise<void> {
  const parent = await folderFor(folder, relative, false);
  if (parent === null) return;
  const target = path.join(parent, path.basename(relative));
  const stat = await lstatOrNull(target);
  if (stat === null || stat.isDirectory()) return;
  await fs.unlink(target);
  for (let dir = parent; dir !== folder; dir = path.dirname(dir)) {
    try {
      await fs.rmdir(dir);
    } catch (err) {
      if (errno(err) === "ENOTEMPTY" || errno(err) === "EEXIST") return;
      throw err;
    }
  }
}

/**
 * Writes the stack's files into its folder (created if missing) and removes those the agent wrote
 * before that are no longer part of the stack. Anything else in the folder (what containers wrote
 * into bind mounts) stays.
 */
export async function writeStackFiles(
  stacksDir: string,
  project: string,
  files: StackFile[],
): Promise<void> {
  const folder = await ensureFolder(stacksDir, project);
  for (const file of files) {
    const parent = await folderFor(folder, file.path, true);
    await writeAtomically(parent ?? folder, path.basename(file.path), file.content);
  }
  const current = new Set(files.map((f) => f.path));
  for (const old of await readManifest(stacksDir, project)) {
    if (!current.has(old)) await removeStackFile(folder, old);
  }
  await fs.writeFile(manifestPath(stacksDir, project), JSON.stringify([...current]), {
    mode: 0o600,
  });
}

/**
 * Removes the stack's files. With `everything`, the whole folder goes (what containers wrote into
 * bind mounts under it too); otherwise such data stays, with the folder. Resolves with whether
 * the folder is gone.
 */
export async function removeStackFiles(
  stacksDir: string,
  project: string,
  everything: boolean,
): Promise<boolean> {
  const folder = stackFolder(stacksDir, project);
  const stat = await lstatOrNull(folder);
  if (stat !== null && (stat.isSymbolicLink() || !stat.isDirectory())) {
    throw new BerthError("CONFLICT", `${folder} is not the stack's folder: it is left as it is.`);
  }
  if (stat !== null) {
    if (everything) await fs.rm(folder, { recursive: true, force: true });
    else
      for (const file of await readManifest(stacksDir, project))
        await removeStackFile(folder, file);
  }
  await fs.rm(manifestPath(stacksDir, project), { force: true });
  if (stat === null || everything) return true;
  try {
    await fs.rmdir(folder);
    return true;
  } catch (err) {
    if (errno(err) === "ENOTEMPTY" || errno(err) === "EEXIST") return false;
    throw err;
  }
}
