import { BerthError, type ComposeSourceInput } from "@/lib/protocol";
import type { Stack } from "@/lib/db";
import { storedFiles } from "./stack-view";

/**
 * What the agent loads for a saved stack: its stored files. Git stacks keep the files of their
 * last fetch here too (the git fetcher writes them with the commit), so a deploy always uses
 * exactly what the page shows.
 */
export function composeSourceOf(
  stack: Pick<Stack, "name" | "files" | "composeFiles" | "envFile" | "profiles">,
): ComposeSourceInput {
  if (stack.composeFiles.length === 0)
    throw new BerthError("BAD_REQUEST", "The stack has no compose file yet: write one first.");
  return {
    project: stack.name,
    files: storedFiles(stack),
    composeFiles: stack.composeFiles,
    envFile: stack.envFile ?? undefined,
    profiles: stack.profiles,
  };
}
