import type Docker from "dockerode";
import type { ServiceSummary, ServiceTask } from "@/lib/protocol";

/** What Berth reads of an engine service (GET /services). */
type EngineService = {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: EngineServiceSpec;
  PreviousSpec?: EngineServiceSpec;
  UpdateStatus?: { State?: string; Message?: string };
};
type EngineServiceSpec = {
  Name?: string;
  TaskTemplate?: {
    ContainerSpec?: { Image?: string };
    Placement?: { Constraints?: string[] };
    Networks?: Array<{ Target?: string }>;
  };
  Mode?: { Replicated?: { Replicas?: number }; Global?: object };
  UpdateConfig?: {
    Parallelism?: number;
    Delay?: number;
    FailureAction?: string;
    Order?: string;
    Monitor?: number;
  };
  EndpointSpec?: {
    Ports?: Array<{ TargetPort?: number; PublishedPort?: number; Protocol?: string }>;
  };
};
export type EngineTask = {
  ID: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  UpdatedAt?: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: {
    State?: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string };
  };
};

/** Engine images carry the digest the manager resolved (`app:1@sha256:…`); the tag is enough. */
const imageOf = (image: string | undefined) => (image ?? "").replace(/@sha256:[0-9a-f]+$/, "");
const time = (value: string | undefined) => (value ? Date.parse(value) || 0 : 0);
const NS = 1_000_000_000;

/** Tasks still meant to run, and failed ones (their error says why a replica is missing). */
function shown(task: EngineTask): boolean {
  const state = task.Status?.State ?? "";
  return task.DesiredState !== "shutdown" || state === "failed" || state === "rejected";
}

export function toServiceTask(task: EngineTask): ServiceTask {
  return {
    id: task.ID,
    serviceId: task.ServiceID ?? "",
    slot: typeof task.Slot === "number" ? task.Slot : null,
    nodeId: task.NodeID ?? "",
    state: task.Status?.State ?? "unknown",
    desiredState: task.DesiredState ?? "",
    message: task.Status?.Message ?? "",
    error: task.Status?.Err ?? "",
    image: imageOf(task.Spec?.ContainerSpec?.Image),
    containerId: task.Status?.ContainerStatus?.ContainerID ?? null,
    updatedAt: time(task.UpdatedAt),
  };
}

export function toServiceSummary(
  service: EngineService,
  tasks: readonly EngineTask[],
  networkNames: ReadonlyMap<string, string>,
): ServiceSummary {
  const spec = service.Spec ?? {};
  const mine = tasks.filter((t) => t.ServiceID === service.ID && shown(t)).map(toServiceTask);
  mine.sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || b.updatedAt - a.updatedAt);
  const update = spec.UpdateConfig ?? {};
  const failureAction = update.FailureAction;
  return {
    id: service.ID,
    name: spec.Name ?? service.ID,
    image: imageOf(spec.TaskTemplate?.ContainerSpec?.Image),
    mode: spec.Mode?.Global ? "global" : "replicated",
    replicas: spec.Mode?.Global ? null : (spec.Mode?.Replicated?.Replicas ?? 0),
    // not the engine's RunningTasks: that counts tasks still running on their way out too
    running: mine.filter((t) => t.state === "running" && t.desiredState === "running").length,
    createdAt: time(service.CreatedAt),
    updatedAt: time(service.UpdatedAt),
    updateState: service.UpdateStatus?.State ?? null,
    updateMessage: service.UpdateStatus?.Message ?? null,
    previousImage: service.PreviousSpec
      ? imageOf(service.PreviousSpec.TaskTemplate?.ContainerSpec?.Image)
      : null,
    constraints: spec.TaskTemplate?.Placement?.Constraints ?? [],
    ports: (spec.EndpointSpec?.Ports ?? []).map((p) => ({
      hostPort: p.PublishedPort ?? 0,
      containerPort: p.TargetPort ?? 0,
      protocol: p.Protocol ?? "tcp",
    })),
    networks: (spec.TaskTemplate?.Networks ?? []).map(
      (n) => networkNames.get(n.Target ?? "") ?? n.Target ?? "",
    ),
    update: {
      parallelism: update.Parallelism ?? 1,
      delaySeconds: (update.Delay ?? 0) / NS,
      failureAction:
        failureAction === "continue" || failureAction === "rollback" ? failureAction : "pause",
      order: update.Order === "start-first" ? "start-first" : "stop-first",
      monitorSeconds: (update.Monitor ?? 5 * NS) / NS,
    },
    tasks: mine,
  };
}

/** Services, their tasks and the network names they use, read at once. */
export async function readServices(
  docker: Docker,
  filter?: { id: string },
): Promise<ServiceSummary[]> {
  const [services, tasks, networks] = await Promise.all([
    filter
      ? docker
          .getService(filter.id)
          .inspect()
          .then((s) => [s as EngineService])
      : (docker.listServices() as Promise<unknown[]>).then((list) => list as EngineService[]),
    docker.listTasks(filter ? { filters: { service: [filter.id] } } : {}) as Promise<EngineTask[]>,
    docker.listNetworks(),
  ]);
  const names = new Map(networks.map((n) => [n.Id, n.Name]));
  return services
    .map((s) => toServiceSummary(s, tasks, names))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const SECONDS_IN_NS = NS;
