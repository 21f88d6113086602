import type { ComposeProjectSummary, StackFile } from "@/lib/protocol";
import type { Stack } from "@/lib/db";
import type { StackDeployOutcome, StackGitSource, StackRow, StackState } from "./stack-row";

/** The columns a list row needs: no files, no secrets. */
export const STACK_ROW_SELECT = {
  id: true,
  hostId: true,
  name: true,
  source: true,
  updatedAt: true,
  lastDeployAt: true,
  lastDeployBy: true,
  lastDeployOk: true,
  lastDeployError: true,
  lastDeployCommit: true,
} as const;

type RowColumns = Pick<Stack, keyof typeof STACK_ROW_SELECT>;
type HostOf = { id: string; name: string; online: boolean };

/** The project's containers, one-off ones (`compose run`) left out. */
function containersOf(project: ComposeProjectSummary | null) {
  return (project?.services ?? []).flatMap((s) => s.containers.filter((c) => !c.oneoff));
}

/**
 * What the page shows: `unknown` when what runs on the host could not be read (offline host,
 * failing agent), `not deployed` when no container of the project exists.
 */
export function stackState(project: ComposeProjectSummary | null, known: boolean): StackState {
  if (!known) return "unknown";
  const containers = containersOf(project);
  if (containers.length === 0) return "not deployed";
  const running = containers.filter((c) => c.state === "running").length;
  if (running === containers.length) return "running";
  return running === 0 ? "stopped" : "partial";
}

function lastDeployOf(stack: RowColumns): StackDeployOutcome | null {
  if (!stack.lastDeployAt) return null;
  return {
    at: stack.lastDeployAt.toISOString(),
    by: stack.lastDeployBy,
    ok: stack.lastDeployOk ?? false,
    error: stack.lastDeployError,
    commit: stack.lastDeployCommit,
  };
}

/**
 * One list row: a saved stack (with what runs under its name, if known) or, with `stack` null, a
 * project found on the host that Berth does not manage yet.
 */
export function toStackRow(
  host: HostOf,
  stack: RowColumns | null,
  project: ComposeProjectSummary | null,
  known: boolean,
): StackRow {
  const containers = containersOf(project);
  return {
    id: stack?.id ?? null,
    hostId: host.id,
    hostName: host.name,
    hostOnline: host.online,
    name: stack?.name ?? project?.name ?? "",
    source: stack?.source ?? "discovered",
    state: stackState(project, known),
    services: project?.services.length ?? 0,
    containers: {
      running: containers.filter((c) => c.state === "running").length,
      total: containers.length,
    },
    lastDeploy: stack ? lastDeployOf(stack) : null,
    updatedAt: stack?.updatedAt.toISOString() ?? null,
  };
}

/** The stack's files as stored (a JSON array of { path, content }). */
export function storedFiles(stack: Pick<Stack, "files">): StackFile[] {
  const files = Array.isArray(stack.files) ? stack.files : [];
  return files.flatMap((f) =>
    f && typeof f === "object" && !Array.isArray(f) && typeof f.path === "string"
      ? [{ path: f.path, content: typeof f.content === "string" ? f.content : "" }]
      : [],
  );
}

/** The git settings any reader may see: never the token or key (get-stack adds the webhook path for deployers). */
export function gitSourceOf(stack: Stack): StackGitSource | null {
  if (stack.source !== "git" || !stack.gitUrl) return null;
  return {
    url: stack.gitUrl,
    branch: stack.gitBranch ?? "main",
    path: stack.gitPath ?? "compose.yaml",
    auth: stack.gitAuth,
    pollSeconds: stack.pollSeconds,
    commit: stack.lastCommit,
    lastFetchError: stack.lastFetchError,
    webhookPath: null,
  };
}
