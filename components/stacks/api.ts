import type { HostRoleName } from "@/lib/auth/permissions";
import type { ComposePlanResult, ComposeStep, StackFile } from "@/lib/protocol";
import type { StackGitSource } from "@/lib/services/stacks/stack-row";

export type HostOption = {
  id: string;
  name: string;
  role: HostRoleName;
  online: boolean;
  address: string | null;
};

/** The browser's route for the stacks, one stack, or one of its actions. */
export function stacksApi(path = ""): string {
  return `/api/stacks${path ? `/${path}` : ""}`;
}

export function stackApi(id: string, action = ""): string {
  return stacksApi(`${encodeURIComponent(id)}${action ? `/${action}` : ""}`);
}

/** A stack's files as the editor holds them and the server takes them. */
export type StackSourceDraft = {
  files: StackFile[];
  /** The compose files among `files`, in merge order. */
  composeFiles: string[];
  envFile?: string;
  profiles?: string[];
};

/** A service setting the host security policy refuses, beside the service it is about. */
export type StackRefusal = { service: string; field: string; message: string };

/** What POST /api/stacks/plan answers: the agent's plan, then the policy's refusals. */
export type StackPlanAnswer = ComposePlanResult & { refusals?: StackRefusal[] };

/** What deploy, start, stop, restart and down answer: every step, as also pushed live. */
export type StepsAnswer = { steps: ComposeStep[] };

/** The git source a new stack or an edit sends; the secret travels only when typed. */
export type GitSourceBody = Pick<StackGitSource, "url" | "branch" | "path" | "auth"> & {
  pollSeconds: number | null;
  /** The token (https) or private key (ssh); absent keeps the stored one. */
  secret?: string;
  /** ssh: the server's host key to pin ("ssh-ed25519 AAAA…"). */
  knownHost?: string;
};

/** One variable a template asks for; it reaches the compose file as `${name}`. */
export type TemplateVariable = {
  name: string;
  label: string;
  description?: string;
  default?: string;
  /** Deploying refuses an empty value. */
  required?: boolean;
  /** Masked in the form; the server keeps it sealed, never in the stack's files. */
  secret?: boolean;
  /** Left empty, the server makes a random value. */
  generate?: boolean;
};

/** A catalogue entry of GET /api/stacks/templates. */
export type StackTemplate = {
  id: string;
  title: string;
  description: string;
  /** The stack's compose.yaml. */
  compose: string;
  /** Its other files (configs, an index page, a Dockerfile). */
  files?: { path: string; content: string }[];
  variables: TemplateVariable[];
};

/**
 * What POST /api/stacks answers: the id; with deploy, the steps or why deploying failed (the
 * stack is saved either way); for a git stack, the webhook URL's path when it is made.
 */
export type CreatedStackAnswer = {
  id: string;
  steps?: ComposeStep[];
  deployError?: { message: string };
  webhookPath?: string;
};

/** The compose file a new editor stack starts with. */
export const STARTER_COMPOSE = `services:
  web:
    image: nginx:alpine
    ports:
      - "8080:80"
`;

export const DEFAULT_COMPOSE_PATH = "compose.yaml";
