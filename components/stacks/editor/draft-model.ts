import { StackFilePathSchema, type StackFile } from "@/lib/protocol";
import type { StackSourceDraft } from "../api";
import { samePath } from "./text-position";

export const ENV_FILE = ".env";

/** A new editor stack: one compose file and an empty `.env`. */
export function newDraft(compose: string, path = "compose.yaml"): StackSourceDraft {
  return {
    files: [
      { path, content: compose },
      { path: ENV_FILE, content: "" },
    ],
    composeFiles: [path],
  };
}

/** The file the `.env` tab edits: the stack's env file, `.env` by default. */
export function envPath(draft: StackSourceDraft): string {
  return draft.envFile ?? ENV_FILE;
}

/** The tabs' order: compose files in merge order, the env file, then the others by path. */
export function orderedPaths(draft: StackSourceDraft): string[] {
  const env = envPath(draft);
  const others = draft.files
    .map((f) => f.path)
    .filter((p) => !draft.composeFiles.includes(p) && p !== env)
    .sort((a, b) => a.localeCompare(b));
  return [...draft.composeFiles, env, ...others];
}

export function contentOf(draft: StackSourceDraft, path: string): string {
  return draft.files.find((f) => f.path === path)?.content ?? "";
}

/** The draft with `path` holding `content` (added when it is new). */
export function withContent(
  draft: StackSourceDraft,
  path: string,
  content: string,
): StackSourceDraft {
  const exists = draft.files.some((f) => f.path === path);
  return {
    ...draft,
    files: exists
      ? draft.files.map((f) => (f.path === path ? { path, content } : f))
      : [...draft.files, { path, content }],
  };
}

/** Why `path` cannot be added, or null: it must be a stack path no other file has. */
export function newPathError(draft: StackSourceDraft, path: string): string | null {
  const checked = StackFilePathSchema.safeParse(path.trim());
  if (!checked.success) return checked.error.issues[0]?.message ?? "Not a file path.";
  if (
    draft.files.some((f) => samePath(f.path, checked.data)) ||
    samePath(envPath(draft), checked.data)
  )
    return `The stack already has ${checked.data}.`;
  return null;
}

/** Adds an empty file; a compose file is merged after the others. */
export function addFile(draft: StackSourceDraft, path: string, compose: boolean): StackSourceDraft {
  const clean = path.trim();
  return {
    ...withContent(draft, clean, ""),
    composeFiles: compose ? [...draft.composeFiles, clean] : draft.composeFiles,
  };
}

/** Removes a file; the first compose file stays (a stack needs one). */
export function removeFile(draft: StackSourceDraft, path: string): StackSourceDraft {
  if (draft.composeFiles[0] === path) return draft;
  return {
    ...draft,
    files: draft.files.filter((f) => f.path !== path),
    composeFiles: draft.composeFiles.filter((p) => p !== path),
    ...(draft.envFile === path ? { envFile: undefined } : {}),
  };
}

/** What the server takes: the files as typed, an untouched empty `.env` left out. */
export function toSource(draft: StackSourceDraft): StackSourceDraft {
  const files: StackFile[] = draft.files.filter(
    (f) => !(f.path === ENV_FILE && draft.envFile === undefined && f.content === ""),
  );
  return {
    files,
    composeFiles: draft.composeFiles,
    ...(draft.envFile ? { envFile: draft.envFile } : {}),
    ...(draft.profiles?.length ? { profiles: draft.profiles } : {}),
  };
}
