import type { ServiceSpec } from "@/lib/protocol";
import { SECONDS_IN_NS } from "./service-summary";

/** Label on a service and the secrets and configs Berth made for it. */
export const SERVICE_LABEL = "berth.service";

export type SwarmObjectRef = { id: string; name: string };

/** The engine's name of a secret or config Berth makes for a service. */
export function serviceObjectName(service: string, name: string): string {
  return `${service}_${name}`;
}

const nanoCpus = (cpus: number | undefined) =>
  cpus === undefined ? undefined : Math.round(cpus * 1e9);
const resources = (r: ServiceSpec["limits"]) => ({
  ...(r.cpus !== undefined ? { NanoCPUs: nanoCpus(r.cpus) } : {}),
  ...(r.memoryBytes !== undefined ? { MemoryBytes: r.memoryBytes } : {}),
});
const policy = (u: ServiceSpec["update"]) => ({
  Parallelism: u.parallelism,
  Delay: Math.round(u.delaySeconds * SECONDS_IN_NS),
  FailureAction: u.failureAction,
  Order: u.order,
  Monitor: Math.round(u.monitorSeconds * SECONDS_IN_NS),
});

/**
 * The Engine API's ServiceSpec for a Berth service. Endpoint mode dnsrr and host-mode ports:
 * they need no IPVS, which VIP load balancing and the ingress routing mesh do.
 */
export function serviceSpecBody(
  spec: ServiceSpec,
  constraints: readonly string[],
  secrets: readonly SwarmObjectRef[],
  configs: readonly SwarmObjectRef[],
): Record<string, unknown> {
  return {
    Name: spec.name,
    Labels: { [SERVICE_LABEL]: spec.name },
    TaskTemplate: {
      ContainerSpec: {
        Image: spec.image,
        ...(spec.command ? { Args: spec.command } : {}),
        Env: spec.env.map((e) => `${e.key}=${e.value}`),
        StopGracePeriod: Math.round(spec.stopGracePeriodSeconds * SECONDS_IN_NS),
        Mounts: [
          ...spec.volumes.map((v) => ({
            Type: "volume",
            Source: v.name,
            Target: v.target,
            ReadOnly: v.readOnly,
          })),
          ...spec.binds.map((b) => ({
            Type: "bind",
            Source: b.source,
            Target: b.target,
            ReadOnly: b.readOnly,
          })),
          ...spec.tmpfs.map((t) => ({
            Type: "tmpfs",
            Target: t.target,
            ...(t.sizeBytes !== undefined ? { TmpfsOptions: { SizeBytes: t.sizeBytes } } : {}),
          })),
        ],
        ...(spec.capAdd.length ? { CapabilityAdd: spec.capAdd.map((c) => `CAP_${c}`) } : {}),
        Secrets: spec.secrets.map((s, i) => ({
          SecretID: secrets[i]?.id,
          SecretName: secrets[i]?.name,
          File: { Name: s.name, UID: "0", GID: "0", Mode: 0o444 },
        })),
        Configs: spec.configs.map((c, i) => ({
          ConfigID: configs[i]?.id,
          ConfigName: configs[i]?.name,
          File: { Name: c.target, UID: "0", GID: "0", Mode: 0o444 },
        })),
      },
      Resources: { Limits: resources(spec.limits), Reservations: resources(spec.reservations) },
      RestartPolicy: {
        Condition: spec.restartPolicy.condition,
        Delay: Math.round(spec.restartPolicy.delaySeconds * SECONDS_IN_NS),
        ...(spec.restartPolicy.maxAttempts !== undefined
          ? { MaxAttempts: spec.restartPolicy.maxAttempts }
          : {}),
        ...(spec.restartPolicy.windowSeconds !== undefined
          ? { Window: Math.round(spec.restartPolicy.windowSeconds * SECONDS_IN_NS) }
          : {}),
      },
      Placement: { Constraints: [...constraints] },
      Networks: spec.networks.map((target) => ({ Target: target })),
    },
    Mode: spec.mode === "global" ? { Global: {} } : { Replicated: { Replicas: spec.replicas } },
    UpdateConfig: policy(spec.update),
    RollbackConfig: { ...policy(spec.update), FailureAction: "pause" },
    EndpointSpec: {
      Mode: "dnsrr",
      Ports: spec.ports.map((p) => ({
        Protocol: p.protocol,
        TargetPort: p.containerPort,
        PublishedPort: p.hostPort,
        PublishMode: "host",
      })),
    },
  };
}
