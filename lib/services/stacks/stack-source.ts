import { BerthError, type ComposeSourceInput } from "@/lib/protocol";
import type { Stack } from "@/lib/db";
import { openSecret, sealSecret } from "@/lib/server/secret-box";
import { storedFiles } from "./stack-view";

/** What sealed secret values are bound to: they do not open on another stack's row. */
const environmentContext = (stackId: string) => `stack-env:${stackId}`;

/** A template's secret values, sealed for the row; null when there are none. */
export function sealEnvironment(stackId: string, environment: Record<string, string>) {
  if (Object.keys(environment).length === 0) return null;
  return sealSecret(JSON.stringify(environment), environmentContext(stackId));
}

/** A template stack's secret values, opened for a deploy or a preview. */
export function environmentOf(
  stack: Pick<Stack, "id" | "environmentSealed">,
): Record<string, string> {
  if (!stack.environmentSealed) return {};
  try {
    return JSON.parse(openSecret(stack.environmentSealed, environmentContext(stack.id))) as Record<
      string,
      string
    >;
  } catch {
    throw new BerthError(
      "INTERNAL",
      "The stack's secret values cannot be opened: the server's encryption key changed. Create the stack again from its template.",
    );
  }
}

/**
 * What the agent loads for a saved stack: its stored files, and the template's secret values
 * (kept sealed, never in the files). Git stacks keep the files of their last fetch here too (the
 * fetch writes them with the commit), so a deploy always uses exactly what the page shows.
 */
export function composeSourceOf(
  stack: Pick<
    Stack,
    "id" | "name" | "files" | "composeFiles" | "envFile" | "profiles" | "environmentSealed"
  >,
): ComposeSourceInput {
  if (stack.composeFiles.length === 0)
    throw new BerthError("BAD_REQUEST", "The stack has no compose file yet: write one first.");
  return {
    project: stack.name,
    files: storedFiles(stack),
    composeFiles: stack.composeFiles,
    envFile: stack.envFile ?? undefined,
    environment: environmentOf(stack),
    profiles: stack.profiles,
  };
}
