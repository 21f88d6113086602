import type { ComposeContainer, ComposeProjectSummary } from "@/lib/protocol";

/** Where a stack's files come from. `discovered`: a project found on a host, not adopted yet. */
export type StackSourceKind = "editor" | "git" | "template" | "discovered";

/**
 * What the page shows for a stack: `running` every container up, `partial` some, `stopped`
 * none, `not deployed` saved but no container on the host, `unknown` the host is offline.
 */
export type StackState = "running" | "partial" | "stopped" | "not deployed" | "unknown";

export interface StackDeployOutcome {
  at: string;
  by: string | null;
  ok: boolean;
  /** Which service failed and why, in the user's words. */
  error: string | null;
  /** Git stacks: the commit deployed. */
  commit: string | null;
}

export interface StackGitSource {
  url: string;
  branch: string;
  /** The compose file's path in the repository. */
  path: string;
  auth: "none" | "token" | "ssh";
  /** Seconds between polls; null when only the webhook redeploys. */
  pollSeconds: number | null;
  /** The commit last fetched. */
  commit: string | null;
  lastFetchError: string | null;
  /** Only for callers who may deploy: the secret webhook URL path. */
  webhookPath: string | null;
}

/** One row of the stacks list: a saved stack, a discovered project, or both (adopted). */
export interface StackRow {
  /** null for a project found on a host that Berth does not manage yet (adoptable). */
  id: string | null;
  hostId: string;
  hostName: string;
  hostOnline: boolean;
  name: string;
  source: StackSourceKind;
  state: StackState;
  services: number;
  containers: { running: number; total: number };
  lastDeploy: StackDeployOutcome | null;
  updatedAt: string | null;
}

/** The stack page: the row, its files and what runs on the host. */
export interface StackDetail {
  row: StackRow;
  /**
   * The compose files in merge order, then the others (.env, Dockerfiles, configs). Callers
   * without stack.deploy get only the compose files: the others may hold secrets.
   */
  files: { path: string; content: string }[];
  /** The paths of the files left out of `files` for this caller. */
  withheldFiles: string[];
  composeFiles: string[];
  envFile: string | null;
  profiles: string[];
  git: StackGitSource | null;
  /** What runs on the host now under this project name; null when the host is offline. */
  project: ComposeProjectSummary | null;
  /** What the caller may do here. */
  canDeploy: boolean;
}

export type { ComposeContainer };
