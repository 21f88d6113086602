/**
 * The one table of actions on a container: who may do each, the parameters its agent command
 * takes, how long the server waits for the engine, its name on buttons, and whether the list
 * applies it to many containers at once. Routes, services, the API description and the UI all
 * read it. Plain data and zod only, so the browser can import it too.
 */
import { z } from "zod";
import { AgentCommands } from "@/lib/protocol";
import type { HostPermission } from "@/lib/auth/permissions";

type ContainerActionDefinition = {
  permission: HostPermission;
  /** The agent command's own params schema; `id` comes from the URL, the rest from the body. */
  params: z.ZodType;
  /** How long to wait for the engine; the hub's default when absent. */
  timeoutMs?: number;
  label: string;
  /** Offered on a selection of containers in the list. */
  bulk?: true;
};

// Stopping waits for the container's own timeout (up to an hour) before the engine answers.
const LONG_TIMEOUT_MS = 65 * 60_000;

export const CONTAINER_ACTIONS = {
  start: {
    permission: "container.operate",
    params: AgentCommands["container.start"].params,
    label: "Start",
    bulk: true,
  },
  stop: {
    permission: "container.operate",
    params: AgentCommands["container.stop"].params,
    timeoutMs: LONG_TIMEOUT_MS,
    label: "Stop",
    bulk: true,
  },
  restart: {
    permission: "container.operate",
    params: AgentCommands["container.restart"].params,
    timeoutMs: LONG_TIMEOUT_MS,
    label: "Restart",
    bulk: true,
  },
  kill: {
    permission: "container.operate",
    params: AgentCommands["container.kill"].params,
    label: "Kill",
  },
  pause: {
    permission: "container.operate",
    params: AgentCommands["container.pause"].params,
    label: "Pause",
  },
  unpause: {
    permission: "container.operate",
    params: AgentCommands["container.unpause"].params,
    label: "Unpause",
  },
  rename: {
    permission: "container.operate",
    params: AgentCommands["container.rename"].params,
    label: "Rename",
  },
  remove: {
    permission: "container.create",
    params: AgentCommands["container.remove"].params,
    timeoutMs: LONG_TIMEOUT_MS,
    label: "Remove",
    bulk: true,
  },
  commit: {
    permission: "container.create",
    params: AgentCommands["container.commit"].params,
    timeoutMs: LONG_TIMEOUT_MS,
    label: "Commit to image",
  },
} as const satisfies Record<string, ContainerActionDefinition>;

export type ContainerAction = keyof typeof CONTAINER_ACTIONS;

export const ContainerActionSchema = z.enum(
  Object.keys(CONTAINER_ACTIONS) as [ContainerAction, ...ContainerAction[]],
);

export type BulkContainerAction = {
  [A in ContainerAction]: (typeof CONTAINER_ACTIONS)[A] extends { bulk: true } ? A : never;
}[ContainerAction];

export const BULK_CONTAINER_ACTIONS = (Object.keys(CONTAINER_ACTIONS) as ContainerAction[]).filter(
  (a): a is BulkContainerAction => "bulk" in CONTAINER_ACTIONS[a],
) as [BulkContainerAction, ...BulkContainerAction[]];

/** How long the server waits for the engine to carry out the action; undefined: the default. */
export function containerActionTimeoutMs(action: ContainerAction): number | undefined {
  const definition: ContainerActionDefinition = CONTAINER_ACTIONS[action];
  return definition.timeoutMs;
}
