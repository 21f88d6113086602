import type Docker from "dockerode";
import {
  ContainerStateSchema,
  HELPER_LABEL,
  type ContainerState,
  type ContainerSummary,
  type Health,
} from "@/lib/protocol";
import type { ContainerUsage } from "./command-types";
import type { SecurityDigests } from "./security-digest";

/** One item of GET /containers/json, as far as the agent reads it. */
export interface ListItem {
  Id: string;
  Names?: string[];
  Image?: string;
  ImageID?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
  Ports?: Array<{ IP?: string; PrivatePort: number; PublicPort?: number; Type: string }>;
  Labels?: Record<string, string> | null;
  NetworkSettings?: { Networks?: Record<string, unknown> | null } | null;
}

export type UsageLookup = (id: string) => ContainerUsage | undefined;

/** What a summary carries besides the list item: live usage and the security digest. */
export interface SummaryFacts {
  usage?: UsageLookup;
  digests?: SecurityDigests;
}

/** Health as the engine writes it into Status: "Up 5 minutes (healthy)". */
export function healthFromStatus(status: string): Health {
  if (/\(healthy\)/.test(status)) return "healthy";
  if (/\(unhealthy\)/.test(status)) return "unhealthy";
  if (/\(health: starting\)/.test(status)) return "starting";
  return "none";
}

function stateOf(s: string | undefined): ContainerState {
  const parsed = ContainerStateSchema.safeParse(s);
  return parsed.success ? parsed.data : "dead";
}

/** Maps one list item to the protocol's ContainerSummary. */
export function toContainerSummary(item: ListItem, usage?: ContainerUsage): ContainerSummary {
  const state = stateOf(item.State);
  const status = item.Status ?? "";
  const live = state === "running" || state === "paused" || state === "restarting";
  return {
    id: item.Id,
    name: (item.Names?.[0] ?? "").replace(/^\//, ""),
    image: item.Image ?? "",
    imageId: item.ImageID ?? "",
    command: item.Command ?? "",
    createdAt: (item.Created ?? 0) * 1000,
    state,
    status,
    health: healthFromStatus(status),
    ports: (item.Ports ?? []).map((p) => ({
      ...(p.IP ? { ip: p.IP } : {}),
      privatePort: p.PrivatePort,
      ...(p.PublicPort ? { publicPort: p.PublicPort } : {}),
      type: p.Type,
    })),
    labels: { ...(item.Labels ?? {}) },
    networks: Object.keys(item.NetworkSettings?.Networks ?? {}),
    cpuPercent: live ? (usage?.cpuPercent ?? null) : null,
    memoryBytes: live ? (usage?.memoryBytes ?? null) : null,
  };
}

/** Berth's own helper containers are not the user's: no list shows them. */
const isUsers = (item: ListItem) => item.Labels?.[HELPER_LABEL] === undefined;

/** All containers, stopped ones included. */
export async function listContainers(
  docker: Docker,
  facts: SummaryFacts = {},
): Promise<ContainerSummary[]> {
  const items = ((await docker.listContainers({ all: true })) as unknown as ListItem[]).filter(
    isUsers,
  );
  const digests = await facts.digests?.forAll(items.map((i) => i.Id));
  return items.map((i) =>
    withDigest(toContainerSummary(i, facts.usage?.(i.Id)), digests?.get(i.Id)),
  );
}

/** One container by full id, or null when it is gone. */
export async function listOneContainer(
  docker: Docker,
  id: string,
  facts: SummaryFacts = {},
): Promise<ContainerSummary | null> {
  const items = (await docker.listContainers({
    all: true,
    filters: { id: [id] },
  })) as unknown as ListItem[];
  const item = items.find((i) => i.Id === id);
  if (!item || !isUsers(item)) return null;
  return withDigest(toContainerSummary(item, facts.usage?.(item.Id)), await facts.digests?.get(id));
}

function withDigest(
  summary: ContainerSummary,
  digest: ContainerSummary["security"],
): ContainerSummary {
  return digest ? { ...summary, security: digest } : summary;
}
