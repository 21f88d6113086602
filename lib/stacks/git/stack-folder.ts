import path from "node:path/posix";
import { StackFilePathSchema, STACK_FILES_MAX_BYTES } from "@/lib/protocol";

/** One entry of `git ls-tree -r -l` under the stack's folder, its path relative to that folder. */
export interface TreeEntry {
  path: string;
  kind: "file" | "symlink" | "submodule";
  oid: string;
  size: number;
  /** For symlinks: where the link points, as stored in the repository. */
  linkTarget?: string;
}

/** A file of the stack and the blob that holds its content. */
export interface FolderFile {
  path: string;
  oid: string;
  size: number;
}

export interface FolderSelection {
  files: FolderFile[];
  /** Entries left out, each with why: submodules, links to nothing. */
  skipped: { path: string; reason: string }[];
}

/** How many links one path may pass through, as the kernel's ELOOP limit does. */
const MAX_LINK_HOPS = 8;
/** ComposeSourceSchema's limit on a stack's files. */
export const STACK_FILES_MAX_COUNT = 500;

export class StackFolderError extends Error {}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * The stack's files from the entries under its folder, with symbolic links replaced by what
 * they point to (the agent writes plain files). A link that leaves the folder, directly or
 * through other links, is refused: following it would publish files the stack does not own.
 */
export function selectStackFiles(entries: TreeEntry[], folderLabel: string): FolderSelection {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const folders = new Set<string>();
  for (const e of entries)
    for (let dir = path.dirname(e.path); dir !== "."; dir = path.dirname(dir)) folders.add(dir);

  const escape = (link: string, target: string) =>
    new StackFolderError(
      `${link} is a symbolic link to ${target}, outside the stack's folder ${folderLabel}: ` +
        "a stack may only use files under its own folder.",
    );

  /** Where `p` really is (every link along it followed), relative to the folder; null if nowhere. */
  function realPath(p: string, link: string, hops: number): string {
    const parts = p.split("/");
    for (let i = 0; i < parts.length; i++) {
      const prefix = parts.slice(0, i + 1).join("/");
      const entry = byPath.get(prefix);
      if (entry?.kind !== "symlink") continue;
      if (hops >= MAX_LINK_HOPS)
        throw new StackFolderError(`${link}: too many levels of symbolic links.`);
      const target = entry.linkTarget ?? "";
      if (target.startsWith("/")) throw escape(link, target);
      const joined = path.normalize(path.join(path.dirname(prefix), target, ...parts.slice(i + 1)));
      if (joined === ".." || joined.startsWith("../")) throw escape(link, target);
      return realPath(joined, link, hops + 1);
    }
    return p;
  }

  const files: FolderFile[] = [];
  const skipped: FolderSelection["skipped"] = [];
  function add(at: string, source: string, link: string, depth: number): void {
    if (files.length > STACK_FILES_MAX_COUNT)
      throw new StackFolderError(
        `The stack's folder ${folderLabel} holds more than ${STACK_FILES_MAX_COUNT} files; a stack has at most ${STACK_FILES_MAX_COUNT}.`,
      );
    const real = realPath(source, link, 0);
    const entry = byPath.get(real);
    if (entry?.kind === "file") {
      files.push({ path: at, oid: entry.oid, size: entry.size });
    } else if (folders.has(real) || real === ".") {
      if (depth >= MAX_LINK_HOPS)
        throw new StackFolderError(`${link}: too many levels of symbolic links.`);
      const prefix = real === "." ? "" : `${real}/`;
      for (const e of entries)
        if (e.path.startsWith(prefix) && e.kind !== "submodule")
          add(`${at}/${e.path.slice(prefix.length)}`, e.path, link, depth + 1);
    } else {
      skipped.push({ path: at, reason: `a symbolic link to ${real}, which is not in the commit` });
    }
  }

  for (const e of entries) {
    if (e.path === ".git" || e.path.startsWith(".git/") || e.path.includes("/.git/")) continue;
    if (e.kind === "submodule") skipped.push({ path: e.path, reason: "a git submodule" });
    else if (e.kind === "file") files.push({ path: e.path, oid: e.oid, size: e.size });
    else add(e.path, e.path, e.path, 0);
  }

  for (const f of files) {
    const check = StackFilePathSchema.safeParse(f.path);
    if (!check.success)
      throw new StackFolderError(
        `${f.path} cannot be a stack's file: ${check.error.issues[0]?.message ?? "invalid path"}`,
      );
  }
  if (files.length > STACK_FILES_MAX_COUNT)
    throw new StackFolderError(
      `The stack's folder ${folderLabel} holds ${files.length} files; a stack has at most ${STACK_FILES_MAX_COUNT}.`,
    );
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > STACK_FILES_MAX_BYTES) {
    const largest = [...files].sort((a, b) => b.size - a.size).slice(0, 3);
    throw new StackFolderError(
      `The files under ${folderLabel} hold ${kib(total)}; a stack's files travel to the host in ` +
        `one message of at most ${kib(STACK_FILES_MAX_BYTES)}. Largest: ` +
        `${largest.map((f) => `${f.path} (${kib(f.size)})`).join(", ")}. Point the stack at a ` +
        "folder with only what the deploy needs, and build large images separately.",
    );
  }
  return { files, skipped };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A file's text, or a StackFolderError naming it when it is not text. */
export function stackFileText(file: string, bytes: Buffer): string {
  if (bytes.includes(0)) throw notText(file);
  try {
    return utf8.decode(bytes);
  } catch {
    throw notText(file);
  }
}

function notText(file: string): StackFolderError {
  return new StackFolderError(
    `${file} is a binary file: a stack's files are text (compose files, .env, Dockerfiles, ` +
      "configs). Keep binary files out of the stack's folder, or build them into an image.",
  );
}
