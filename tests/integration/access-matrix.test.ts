import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UiSocket } from "@/components/ui/use-ui-socket";
import { HOST_PERMISSIONS, roleAllows, type HostPermission } from "@/lib/auth/permissions";
import { tarParts } from "@/lib/images/tar";
import { UiEvents, type UiAnsweredEvent, type UiReply, type UiRequestParams } from "@/lib/protocol";
import { BUSYBOX_IMAGE } from "../harness/hosts";
import type { TestSession } from "../harness/session";
import {
  connected,
  createUserSession,
  request,
  startStack,
  type HostRole,
  type Stack,
} from "../harness/stack";

/**
 * The permission matrix, generated from lib/auth/permissions.ts: every entry point below is
 * called by every role, and must be allowed exactly when the role holds its permission. Hosts a
 * user has no grant on answer 404 (they do not exist for that user), a visible host with too
 * weak a role 403. Adding an entry point is adding one line to ENTRY_POINTS.
 */
const ROLES = ["none", "VIEWER", "OPERATOR", "DEPLOYER", "HOST_ADMIN", "ADMIN"] as const;
type Role = (typeof ROLES)[number];
type Outcome = "allowed" | "forbidden" | "not found" | `unexpected ${string}`;

type Actor = { role: Role; session: TestSession; socket: UiSocket; token: string };
type Target = { hostId: string; container: string };
type EntryPoint = {
  name: string;
  permission: HostPermission;
  call: (actor: Actor, target: Target) => Promise<Outcome>;
};

let stack: Stack;
let target: Target;
const actors = new Map<Role, Actor>();

async function fromResponse(res: Response): Promise<Outcome> {
  if (res.status === 403) return "forbidden";
  if (res.status === 404) return "not found";
  const ok = res.status >= 200 && res.status < 300;
  const text = ok ? "" : await res.text();
  await res.body?.cancel().catch(() => undefined);
  return ok ? "allowed" : `unexpected ${res.status} ${text.slice(0, 200)}`;
}

async function http(actor: Actor, url: string, method = "GET", body?: unknown): Promise<Outcome> {
  const res = await actor.session.fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  return fromResponse(res);
}

async function v1(actor: Actor, url: string, method = "GET", body?: unknown): Promise<Outcome> {
  const res = await fetch(new URL(`/api/v1${url}`, stack.server.url), {
    method,
    headers: {
      authorization: `Bearer ${actor.token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return fromResponse(res);
}

async function socket<E extends UiAnsweredEvent>(
  actor: Actor,
  event: E,
  params: UiRequestParams<E>,
): Promise<Outcome> {
  const reply = (await request(actor.socket, event, params)) as UiReply<UiAnsweredEvent>;
  if (reply.ok) {
    // Close what was opened, so streams do not pile up on the host.
    if ("sessionId" in reply) {
      actor.socket.emit(UiEvents.execClose, { sessionId: reply.sessionId });
    } else if ("subscriptionId" in reply) {
      const unsubscribe =
        event === UiEvents.logsSubscribe ? UiEvents.logsUnsubscribe : UiEvents.statsUnsubscribe;
      actor.socket.emit(unsubscribe, { subscriptionId: reply.subscriptionId });
    } else {
      actor.socket.emit(UiEvents.metricsUnsubscribe, params as { hostId: string });
    }
    return "allowed";
  }
  if (reply.error.code === "FORBIDDEN") return "forbidden";
  if (reply.error.code === "NOT_FOUND") return "not found";
  return `unexpected ${reply.error.code}: ${reply.error.message}`;
}

const c = (t: Target) => `/api/hosts/${t.hostId}/containers/${t.container}`;
const cv1 = (t: Target) => `/hosts/${t.hostId}/containers/${t.container}`;
const img = (t: Target) => `/api/hosts/${t.hostId}/images`;
const net = (t: Target) => `/api/hosts/${t.hostId}/networks`;
const netv1 = (t: Target) => `/hosts/${t.hostId}/networks`;
/** A network per role that may make one, which the later network entry points use. */
const netName = (a: Actor, api = "") => `m-${a.role.toLowerCase()}-${api}net`;
/** A volume on the host with a file in it, which a stopped container keeps from being pruned. */
const MATRIX_VOLUME = "vol-of-the-matrix";
const vol = (t: Target) => `/api/hosts/${t.hostId}/volumes/${MATRIX_VOLUME}`;
const vv1 = (t: Target) => `/hosts/${t.hostId}/volumes/${MATRIX_VOLUME}`;
/** A backup (.tar.gz) of one file, for the restore entry point. */
let backup: Uint8Array<ArrayBuffer>;
/** Each role's own volume names. */
const mine = (a: Actor, what: string) => `m-${a.role.toLowerCase().replace("_", "-")}-${what}`;
/** Made on the host by someone allowed to: a bind of the host's root, read-only. */
const POWERFUL = "power-root";
/** Tagged for a registry nobody listens on: pull and push reach the engine, which fails fast. */
const UNREACHABLE_IMAGE = "127.0.0.1:1/matrix:1";
/** One user per role that the role's actor tries to grant access to. */
const grantees = new Map<Role, string>();
/** A stack every role reads and the roles that may deploy it deploy, stop, start and take down. */
const MATRIX_STACK = "matrix-stack";
const composeFiles = (service: string) => ({
  files: [
    {
      path: "compose.yaml",
      content: `services:\n  app:\n    image: ${BUSYBOX_IMAGE}\n    command: ["sleep", "3600"]\n${service}`,
    },
  ],
  composeFiles: ["compose.yaml"],
});
/** Saved by the admin: plain, a privileged service, a service binding the host's /etc. */
const stackIds = { plain: "", privileged: "", etc: "", git: "" };
const stk = (id = stackIds.plain) => `/api/stacks/${id}`;
/** The role's own saved stack (made by the create entry point); the shared one for roles that could not. */
async function ownStack(a: Actor, what: string): Promise<string> {
  const { db } = await import("@/lib/db");
  const own = await db.stack.findFirst({ where: { name: mine(a, what) } });
  return own?.id ?? stackIds.plain;
}
/** A cheap container the create entry points may make, one name per role and call. */
const spec = (a: Actor, extra: Record<string, unknown> = {}) => ({
  spec: {
    image: BUSYBOX_IMAGE,
    name: `m-${a.role.toLowerCase()}-${Object.keys(extra).length}`,
    command: ["true"],
    ...extra,
  },
});

// prettier-ignore
const ENTRY_POINTS: EntryPoint[] = [
  { name: "GET host", permission: "host.read", call: (a, t) => http(a, `/api/hosts/${t.hostId}`) },
  { name: "POST host ping", permission: "host.read", call: (a, t) => http(a, `/api/hosts/${t.hostId}/ping`, "POST") },
  { name: "GET host metrics", permission: "host.read", call: (a, t) => http(a, `/api/hosts/${t.hostId}/metrics?range=1h`) },
  { name: `socket ${UiEvents.metricsSubscribe}`, permission: "host.read", call: (a, t) => socket(a, UiEvents.metricsSubscribe, { hostId: t.hostId }) },
  { name: "v1 GET host", permission: "host.read", call: (a, t) => v1(a, `/hosts/${t.hostId}`) },
  { name: "GET container", permission: "container.read", call: (a, t) => http(a, c(t)) },
  { name: "GET container top", permission: "container.read", call: (a, t) => http(a, `${c(t)}/top`) },
  { name: "GET container diff", permission: "container.read", call: (a, t) => http(a, `${c(t)}/diff`) },
  { name: `socket ${UiEvents.statsSubscribe}`, permission: "container.read", call: (a, t) => socket(a, UiEvents.statsSubscribe, { hostId: t.hostId, containerId: t.container }) },
  { name: "v1 GET container", permission: "container.read", call: (a, t) => v1(a, cv1(t)) },
  { name: "GET container logs", permission: "container.logs", call: (a, t) => http(a, `${c(t)}/logs?tail=1`) },
  { name: `socket ${UiEvents.logsSubscribe}`, permission: "container.logs", call: (a, t) => socket(a, UiEvents.logsSubscribe, { hostId: t.hostId, options: { id: t.container, follow: false, tail: 1 } }) },
  { name: "v1 GET container logs", permission: "container.logs", call: (a, t) => v1(a, `${cv1(t)}/logs?tail=1`) },
  { name: "POST container start", permission: "container.operate", call: (a, t) => http(a, `${c(t)}/start`, "POST", {}) },
  { name: "POST bulk start", permission: "container.operate", call: (a, t) => bulk(a, t) },
  { name: "v1 POST container start", permission: "container.operate", call: (a, t) => v1(a, `${cv1(t)}/start`, "POST", {}) },
  { name: `socket ${UiEvents.execStart}`, permission: "container.exec", call: (a, t) => socket(a, UiEvents.execStart, { hostId: t.hostId, id: t.container, cmd: ["true"], cols: 80, rows: 24 }) },
  { name: "GET container env (secrets)", permission: "container.secrets", call: (a, t) => http(a, `${c(t)}/env`) },
  { name: "GET container export", permission: "container.export", call: (a, t) => http(a, `${c(t)}/export`) },
  { name: "POST create container", permission: "container.create", call: (a, t) => http(a, `/api/hosts/${t.hostId}/containers`, "POST", spec(a)) },
  { name: "POST create privileged container", permission: "container.privileged", call: async (a, t) => engineMayRefuse(await http(a, `/api/hosts/${t.hostId}/containers`, "POST", spec(a, { privileged: true }))) },
  { name: "POST create container adding SYS_ADMIN (policy)", permission: "container.privileged", call: (a, t) => http(a, `/api/hosts/${t.hostId}/containers`, "POST", spec(a, { name: `m-${a.role.toLowerCase()}-caps`, capAdd: ["SYS_ADMIN"] })) },
  { name: "POST create container on the host network (policy)", permission: "container.privileged", call: (a, t) => http(a, `/api/hosts/${t.hostId}/containers`, "POST", spec(a, { name: `m-${a.role.toLowerCase()}-hostnet`, networkMode: "host" })) },
  { name: "POST create container binding /etc (policy)", permission: "container.privileged", call: (a, t) => http(a, `/api/hosts/${t.hostId}/containers`, "POST", spec(a, { name: `m-${a.role.toLowerCase()}-etc`, binds: [{ source: "/etc", target: "/host-etc", readOnly: true }] })) },
  { name: "socket exec.start into a container binding / (policy)", permission: "container.privileged", call: (a, t) => socket(a, "exec.start", { hostId: t.hostId, id: POWERFUL, cmd: ["true"], cols: 80, rows: 24 }) },
  { name: "GET export of a container binding / (policy)", permission: "container.privileged", call: (a, t) => http(a, `/api/hosts/${t.hostId}/containers/${POWERFUL}/export`) },
  { name: "GET host policy", permission: "host.read", call: (a, t) => http(a, `/api/hosts/${t.hostId}/policy`) },
  { name: "v1 GET host policy", permission: "host.read", call: (a, t) => v1(a, `/hosts/${t.hostId}/policy`) },
  { name: "PUT host policy", permission: "host.manage", call: (a, t) => http(a, `/api/hosts/${t.hostId}/policy`, "PUT", { policy: {} }) },
  { name: "v1 PUT host policy", permission: "host.manage", call: (a, t) => v1(a, `/hosts/${t.hostId}/policy`, "PUT", { policy: null }) },
  { name: "POST agent re-enrolment token", permission: "host.manage", call: (a, t) => http(a, `/api/hosts/${t.hostId}/agent/reenroll`, "POST") },
  { name: "GET host images", permission: "image.read", call: (a, t) => imageList(a, `/api/hosts/${t.hostId}/images/list`, t) },
  { name: "GET fleet images for a host", permission: "image.read", call: (a, t) => imageList(a, `/api/images?host=${t.hostId}`, t) },
  { name: "GET image inspect", permission: "image.read", call: (a, t) => http(a, `${img(t)}/inspect?ref=${encodeURIComponent(BUSYBOX_IMAGE)}`) },
  { name: "GET image save", permission: "image.save", call: (a, t) => http(a, `${img(t)}/save?ref=${encodeURIComponent(BUSYBOX_IMAGE)}`) },
  { name: "POST image pull", permission: "image.pull", call: async (a, t) => engineMayRefuse(await http(a, `${img(t)}/pull`, "POST", { image: UNREACHABLE_IMAGE })) },
  { name: "POST image push", permission: "image.push", call: async (a, t) => engineMayRefuse(await http(a, `${img(t)}/push`, "POST", { image: UNREACHABLE_IMAGE })) },
  { name: "POST image tag", permission: "image.build", call: (a, t) => http(a, `${img(t)}/tag`, "POST", { ref: BUSYBOX_IMAGE, repository: `m-${a.role.toLowerCase()}`, tag: "t" }) },
  { name: "POST image remove (the tag above)", permission: "image.remove", call: (a, t) => http(a, `${img(t)}/remove`, "POST", { ref: `m-${a.role.toLowerCase()}:t` }) },
  { name: "POST image prune (dangling)", permission: "image.remove", call: (a, t) => http(a, `${img(t)}/prune`, "POST", { all: false }) },
  { name: "GET host networks", permission: "network.read", call: (a, t) => http(a, `${net(t)}/list`) },
  { name: "GET fleet networks for a host", permission: "network.read", call: (a, t) => imageList(a, `/api/networks?host=${t.hostId}`, t) },
  { name: "GET network inspect", permission: "network.read", call: (a, t) => http(a, `${net(t)}/inspect?network=bridge`) },
  { name: "GET host interfaces", permission: "network.read", call: (a, t) => http(a, `${net(t)}/interfaces`) },
  { name: "v1 GET host networks", permission: "network.read", call: (a, t) => v1(a, netv1(t)) },
  { name: "v1 GET network", permission: "network.read", call: (a, t) => v1(a, `${netv1(t)}/bridge`) },
  { name: "v1 GET host interfaces", permission: "network.read", call: (a, t) => v1(a, `/hosts/${t.hostId}/interfaces`) },
  { name: "POST network create", permission: "network.manage", call: (a, t) => http(a, `${net(t)}/create`, "POST", { name: netName(a) }) },
  { name: "v1 POST network create", permission: "network.manage", call: (a, t) => v1(a, netv1(t), "POST", { name: netName(a, "v1") }) },
  { name: "POST network connect", permission: "network.manage", call: (a, t) => http(a, `${net(t)}/connect`, "POST", { network: netName(a), container: t.container, aliases: ["m"] }) },
  { name: "v1 POST network connect", permission: "network.manage", call: (a, t) => v1(a, `${netv1(t)}/${netName(a, "v1")}/connect`, "POST", { container: t.container }) },
  { name: "POST network disconnect", permission: "network.manage", call: (a, t) => http(a, `${net(t)}/disconnect`, "POST", { network: netName(a), container: t.container }) },
  { name: "v1 POST network disconnect", permission: "network.manage", call: (a, t) => v1(a, `${netv1(t)}/${netName(a, "v1")}/disconnect`, "POST", { container: t.container }) },
  { name: "POST network remove", permission: "network.manage", call: (a, t) => http(a, `${net(t)}/remove`, "POST", { network: netName(a) }) },
  { name: "v1 DELETE network", permission: "network.manage", call: (a, t) => v1(a, `${netv1(t)}/${netName(a, "v1")}`, "DELETE") },
  { name: "POST network prune", permission: "network.manage", call: (a, t) => http(a, `${net(t)}/prune`, "POST") },
  { name: "v1 POST network prune", permission: "network.manage", call: (a, t) => v1(a, `${netv1(t)}/prune`, "POST") },
  { name: "POST create macvlan network (policy), removed again", permission: "container.privileged", call: (a, t) => createdAndRemoved(a, t, { name: `m-${a.role.toLowerCase()}-lan`, driver: "macvlan", parent: "eth0", ipam: [{ subnet: "10.250.0.0/24" }] }) },
  { name: "POST connect to the host network (policy)", permission: "container.privileged", call: async (a, t) => engineMayRefuse(await http(a, `${net(t)}/connect`, "POST", { network: "host", container: t.container })) },
  { name: "GET fleet volumes for a host", permission: "volume.read", call: (a, t) => imageList(a, `/api/volumes?host=${t.hostId}`, t) },
  { name: "GET volume inspect", permission: "volume.read", call: (a, t) => http(a, vol(t)) },
  { name: "v1 GET volume inspect", permission: "volume.read", call: (a, t) => v1(a, vv1(t)) },
  { name: "GET volume files", permission: "volume.read", call: (a, t) => http(a, `${vol(t)}/files?path=`) },
  { name: "GET volume file preview", permission: "volume.read", call: (a, t) => http(a, `${vol(t)}/preview?path=f.txt`) },
  { name: "GET volume file download", permission: "volume.read", call: (a, t) => http(a, `${vol(t)}/download?path=f.txt`) },
  { name: "GET volume backup download", permission: "volume.read", call: (a, t) => http(a, `${vol(t)}/backup`) },
  { name: "GET volume stored backups", permission: "volume.read", call: (a, t) => http(a, `${vol(t)}/backups`) },
  { name: "POST volume upload", permission: "volume.write", call: (a, t) => upload(a, `${vol(t)}/upload?path=&name=${mine(a, "up.txt")}`, new Uint8Array([120])) },
  { name: "POST volume mkdir", permission: "volume.write", call: (a, t) => http(a, `${vol(t)}/mkdir`, "POST", { path: "", name: mine(a, "dir") }) },
  { name: "v1 POST volume mkdir", permission: "volume.write", call: (a, t) => v1(a, `${vv1(t)}/mkdir`, "POST", { path: "", name: mine(a, "v1dir") }) },
  { name: "POST volume create", permission: "volume.manage", call: (a, t) => http(a, `/api/hosts/${t.hostId}/volumes`, "POST", { name: mine(a, "vol") }) },
  { name: "POST volume create binding /etc (policy)", permission: "container.privileged", call: (a, t) => http(a, `/api/hosts/${t.hostId}/volumes`, "POST", { name: mine(a, "etcvol"), driverOpts: { type: "none", o: "bind", device: "/etc" } }) },
  { name: "DELETE volume (the role's own)", permission: "volume.manage", call: (a, t) => http(a, `/api/hosts/${t.hostId}/volumes/${mine(a, "vol")}`, "DELETE") },
  { name: "POST volume clone", permission: "volume.manage", call: (a, t) => http(a, `${vol(t)}/clone`, "POST", { name: mine(a, "clone") }) },
  { name: "POST volume backup to the server", permission: "volume.manage", call: (a, t) => http(a, `${vol(t)}/backup`, "POST", { retention: 1 }) },
  { name: "POST volume restore into a new volume", permission: "volume.manage", call: (a, t) => upload(a, `/api/hosts/${t.hostId}/volumes/${mine(a, "restored")}/restore?create=1`, backup) },
  { name: "PUT volume backup schedule", permission: "volume.manage", call: (a, t) => http(a, `${vol(t)}/schedule`, "PUT", { cron: "0 3 * * *" }) },
  { name: "DELETE volume backup schedule", permission: "volume.manage", call: (a, t) => http(a, `${vol(t)}/schedule`, "DELETE") },
  { name: "POST volume prune", permission: "volume.manage", call: (a, t) => http(a, `/api/hosts/${t.hostId}/volumes/prune`, "POST") },
  { name: "GET host access", permission: "access.grant", call: (a, t) => http(a, `/api/hosts/${t.hostId}/access`) },
  { name: "POST host access grant", permission: "access.grant", call: (a, t) => http(a, `/api/hosts/${t.hostId}/access`, "POST", { userId: grantees.get(a.role), role: "VIEWER" }) },
  // swarm: the first role allowed founds a one-host swarm on the matrix host
  { name: "POST overlay network create (swarm)", permission: "network.manage", call: (a, t) => http(a, "/api/swarm/network-create", "POST", { name: mine(a, "ov"), hosts: [{ hostId: t.hostId }] }) },
  { name: "v1 POST overlay network create (swarm)", permission: "network.manage", call: (a, t) => v1(a, "/swarm/networks", "POST", { name: mine(a, "ov1"), hosts: [{ hostId: t.hostId }] }) },
  { name: "POST overlay network remove (swarm)", permission: "network.manage", call: (a, t) => http(a, "/api/swarm/network-remove", "POST", { hostId: t.hostId, network: mine(a, "ov") }) },
  { name: "v1 DELETE overlay network (swarm)", permission: "network.manage", call: (a, t) => v1(a, `/swarm/networks/${mine(a, "ov1")}?host=${t.hostId}`, "DELETE") },
  { name: "POST swarm node availability", permission: "host.manage", call: (a, t) => http(a, "/api/swarm/node-availability", "POST", { hostId: t.hostId, availability: "active" }) },
  { name: "v1 POST swarm node activate", permission: "host.manage", call: (a, t) => v1(a, `/hosts/${t.hostId}/swarm/activate`, "POST") },
  { name: "POST service create (swarm)", permission: "container.create", call: (a, t) => http(a, "/api/swarm/service-create", "POST", { hostId: t.hostId, spec: { name: mine(a, "svc"), image: BUSYBOX_IMAGE, replicas: 0 } }) },
  { name: "v1 POST service create (swarm)", permission: "container.create", call: (a, t) => v1(a, `/hosts/${t.hostId}/swarm/services`, "POST", { name: mine(a, "svc1"), image: BUSYBOX_IMAGE, replicas: 0 }) },
  { name: "POST service update (swarm)", permission: "container.create", call: (a, t) => http(a, "/api/swarm/service-update", "POST", { hostId: t.hostId, service: mine(a, "svc"), change: { replicas: 0, update: { parallelism: 2 } } }) },
  { name: "v1 PATCH service (swarm)", permission: "container.create", call: (a, t) => v1(a, `/hosts/${t.hostId}/swarm/services/${mine(a, "svc1")}`, "PATCH", { update: { parallelism: 2 } }) },
  { name: "GET service logs (swarm)", permission: "container.logs", call: (a, t) => http(a, `/api/swarm/service-logs?hostId=${t.hostId}&service=m-deployer-svc`) },
  { name: "v1 GET service logs (swarm)", permission: "container.logs", call: (a, t) => v1(a, `/hosts/${t.hostId}/swarm/services/m-deployer-svc/logs`) },
  { name: "POST service rollback (swarm)", permission: "container.create", call: (a, t) => http(a, "/api/swarm/service-rollback", "POST", { hostId: t.hostId, service: mine(a, "svc") }) },
  { name: "v1 POST service rollback (swarm)", permission: "container.create", call: (a, t) => v1(a, `/hosts/${t.hostId}/swarm/services/${mine(a, "svc1")}/rollback`, "POST") },
  { name: "POST service remove (swarm)", permission: "container.create", call: (a, t) => http(a, "/api/swarm/service-remove", "POST", { hostId: t.hostId, service: mine(a, "svc") }) },
  { name: "v1 DELETE service (swarm)", permission: "container.create", call: (a, t) => v1(a, `/hosts/${t.hostId}/swarm/services/${mine(a, "svc1")}`, "DELETE") },
  // compose stacks
  { name: "GET stacks", permission: "stack.read", call: (a) => stackList(() => a.session.fetch("/api/stacks")) },
  { name: "v1 GET stacks", permission: "stack.read", call: (a) => stackList(() => fetch(new URL("/api/v1/stacks", stack.server.url), { headers: { authorization: `Bearer ${a.token}` } })) },
  { name: "GET stack", permission: "stack.read", call: (a) => http(a, stk()) },
  { name: "v1 GET stack", permission: "stack.read", call: (a) => v1(a, `/stacks/${stackIds.plain}`) },
  { name: "POST stack create", permission: "stack.deploy", call: (a, t) => http(a, "/api/stacks", "POST", { hostId: t.hostId, name: mine(a, "stack"), ...composeFiles("") }) },
  { name: "v1 POST stack create", permission: "stack.deploy", call: (a, t) => v1(a, "/stacks", "POST", { hostId: t.hostId, name: mine(a, "v1stack"), ...composeFiles("") }) },
  { name: "PUT stack", permission: "stack.deploy", call: (a) => http(a, stk(), "PUT", composeFiles("")) },
  { name: "v1 PUT stack", permission: "stack.deploy", call: (a) => v1(a, `/stacks/${stackIds.plain}`, "PUT", composeFiles("")) },
  { name: "POST stack plan", permission: "stack.deploy", call: (a, t) => http(a, "/api/stacks/plan", "POST", { hostId: t.hostId, name: MATRIX_STACK, ...composeFiles("") }) },
  { name: "POST stack deploy", permission: "stack.deploy", call: (a) => http(a, `${stk()}/deploy`, "POST", {}) },
  { name: "v1 POST stack deploy", permission: "stack.deploy", call: (a) => v1(a, `/stacks/${stackIds.plain}/deploy`, "POST", {}) },
  { name: "POST stack restart", permission: "stack.deploy", call: (a) => http(a, `${stk()}/restart`, "POST", {}) },
  { name: "POST stack stop", permission: "stack.deploy", call: (a) => http(a, `${stk()}/stop`, "POST", {}) },
  { name: "v1 POST stack start", permission: "stack.deploy", call: (a) => v1(a, `/stacks/${stackIds.plain}/start`, "POST", {}) },
  { name: "POST stack deploy with a privileged service (policy)", permission: "container.privileged", call: async (a) => engineMayRefuse(await http(a, `${stk(stackIds.privileged)}/deploy`, "POST", {})) },
  { name: "POST stack deploy binding /etc (policy)", permission: "container.privileged", call: (a) => http(a, `${stk(stackIds.etc)}/deploy`, "POST", {}) },
  { name: "POST stack webhook (a new URL)", permission: "stack.deploy", call: (a) => http(a, `${stk(stackIds.git)}/webhook`, "POST", {}) },
  { name: "v1 POST stack webhook (a new URL)", permission: "stack.deploy", call: (a) => v1(a, `/stacks/${stackIds.git}/webhook`, "POST", {}) },
  { name: "POST stack down", permission: "stack.deploy", call: (a) => http(a, `${stk()}/down`, "POST", { removeVolumes: false }) },
  { name: "POST stack adopt", permission: "stack.deploy", call: (a, t) => http(a, "/api/stacks/adopt", "POST", { hostId: t.hostId, project: mine(a, "found") }) },
  { name: "DELETE stack (the role's own)", permission: "stack.deploy", call: async (a) => http(a, stk(await ownStack(a, "stack")), "DELETE") },
  { name: "v1 DELETE stack (the role's own)", permission: "stack.deploy", call: async (a) => v1(a, `/stacks/${await ownStack(a, "v1stack")}`, "DELETE") },
  // alert rules and alerts: a rule for the host and an alert on it, made by the admin
  { name: "POST alert rule for the host", permission: "alert.manage", call: (a, t) => http(a, "/api/alerts/rules", "POST", alertRule(mine(a, "rule"), t)) },
  { name: "v1 POST alert rule for the host", permission: "alert.manage", call: (a, t) => v1(a, "/alerts/rules", "POST", alertRule(mine(a, "v1rule"), t)) },
  { name: "GET alert rules", permission: "host.read", call: async (a, t) => alertList(() => a.session.fetch("/api/alerts/rules"), "rules", (await alertFixture(t)).ruleId) },
  { name: "v1 GET alert rules", permission: "host.read", call: async (a, t) => alertList(() => v1fetch(a, "/alerts/rules"), "rules", (await alertFixture(t)).ruleId) },
  { name: "GET alert rule", permission: "host.read", call: async (a, t) => http(a, `/api/alerts/rules/${(await alertFixture(t)).ruleId}`) },
  { name: "v1 GET alert rule", permission: "host.read", call: async (a, t) => v1(a, `/alerts/rules/${(await alertFixture(t)).ruleId}`) },
  { name: "PATCH alert rule", permission: "alert.manage", call: async (a, t) => http(a, `/api/alerts/rules/${(await alertFixture(t)).ruleId}`, "PATCH", { enabled: true }) },
  { name: "v1 PATCH alert rule", permission: "alert.manage", call: async (a, t) => v1(a, `/alerts/rules/${(await alertFixture(t)).ruleId}`, "PATCH", { severity: "info" }) },
  { name: "POST alert rule silence", permission: "alert.manage", call: async (a, t) => http(a, `/api/alerts/rules/${(await alertFixture(t)).ruleId}/silence`, "POST", { minutes: 5 }) },
  { name: "v1 DELETE alert rule silence", permission: "alert.manage", call: async (a, t) => v1(a, `/alerts/rules/${(await alertFixture(t)).ruleId}/silence`, "DELETE") },
  { name: "DELETE alert rule (the role's own)", permission: "alert.manage", call: async (a, t) => http(a, `/api/alerts/rules/${await ownAlertRule(a, t, "rule")}`, "DELETE") },
  { name: "v1 DELETE alert rule (the role's own)", permission: "alert.manage", call: async (a, t) => v1(a, `/alerts/rules/${await ownAlertRule(a, t, "v1rule")}`, "DELETE") },
  { name: "GET alerts", permission: "host.read", call: async (a, t) => alertList(() => a.session.fetch("/api/alerts/events"), "events", (await alertFixture(t)).eventId) },
  { name: "v1 GET alerts", permission: "host.read", call: async (a, t) => alertList(() => v1fetch(a, "/alerts/events"), "events", (await alertFixture(t)).eventId) },
  { name: "GET alert", permission: "host.read", call: async (a, t) => http(a, `/api/alerts/events/${(await alertFixture(t)).eventId}`) },
  { name: "v1 GET alert", permission: "host.read", call: async (a, t) => v1(a, `/alerts/events/${(await alertFixture(t)).eventId}`) },
  { name: "POST alert silence", permission: "alert.manage", call: async (a, t) => http(a, `/api/alerts/events/${(await alertFixture(t)).eventId}/silence`, "POST", { minutes: 5 }) },
  { name: "v1 POST alert silence", permission: "alert.manage", call: async (a, t) => v1(a, `/alerts/events/${(await alertFixture(t)).eventId}/silence`, "POST", { minutes: 5 }) },
  { name: "DELETE alert silence", permission: "alert.manage", call: async (a, t) => http(a, `/api/alerts/events/${(await alertFixture(t)).eventId}/silence`, "DELETE") },
  { name: "v1 DELETE alert silence", permission: "alert.manage", call: async (a, t) => v1(a, `/alerts/events/${(await alertFixture(t)).eventId}/silence`, "DELETE") },
  { name: "PUT alert preferences for the host's rule", permission: "host.read", call: async (a, t) => http(a, "/api/alerts/preferences", "PUT", { preferences: [{ ruleId: (await alertFixture(t)).ruleId, inApp: true, email: false }] }) },
  { name: "v1 PUT alert preferences for the host's rule", permission: "host.read", call: async (a, t) => v1(a, "/alerts/preferences", "PUT", { preferences: [{ ruleId: (await alertFixture(t)).ruleId, inApp: false, email: false }] }) },
  // image updates
  { name: "GET image updates for a host", permission: "image.read", call: (a, t) => http(a, `/api/image-updates?hostId=${t.hostId}`) },
  { name: "v1 GET image updates for a host", permission: "image.read", call: (a, t) => v1(a, `/image-updates?hostId=${t.hostId}`) },
  { name: "POST image update check", permission: "image.pull", call: (a, t) => http(a, "/api/image-updates/check", "POST", { hostId: t.hostId }) },
  { name: "v1 POST image update check", permission: "image.pull", call: (a, t) => v1(a, "/image-updates/check", "POST", { hostId: t.hostId }) },
  { name: "POST container update (the pull fails)", permission: "container.create", call: async (a, t) => engineMayRefuse(await http(a, `/api/hosts/${t.hostId}/containers/${await updatable(t)}/update`, "POST", {})) },
  { name: "v1 POST container update (the pull fails)", permission: "container.create", call: async (a, t) => engineMayRefuse(await v1(a, `/hosts/${t.hostId}/containers/${await updatable(t)}/update`, "POST", {})) },
  { name: "GET auto-update policies for a host", permission: "container.read", call: (a, t) => http(a, `/api/auto-updates?hostId=${t.hostId}`) },
  { name: "v1 GET auto-update policies for a host", permission: "container.read", call: (a, t) => v1(a, `/auto-updates?hostId=${t.hostId}`) },
  { name: "POST auto-update policy", permission: "container.create", call: (a, t) => http(a, "/api/auto-updates", "POST", { hostId: t.hostId, containerName: mine(a, "au"), cron: "0 3 * * *", enabled: false }) },
  { name: "v1 POST auto-update policy", permission: "container.create", call: (a, t) => v1(a, "/auto-updates", "POST", { hostId: t.hostId, containerName: mine(a, "au1"), cron: "0 3 * * *", enabled: false }) },
  { name: "PATCH auto-update policy", permission: "container.create", call: async (a, t) => http(a, `/api/auto-updates/${await ownPolicy(a, t, "au")}`, "PATCH", { cron: "0 4 * * *" }) },
  { name: "DELETE auto-update policy (the role's own)", permission: "container.create", call: async (a, t) => http(a, `/api/auto-updates/${await ownPolicy(a, t, "au")}`, "DELETE") },
  { name: "v1 DELETE auto-update policy (the role's own)", permission: "container.create", call: async (a, t) => v1(a, `/auto-updates/${await ownPolicy(a, t, "au1")}`, "DELETE") },
];

/** A container_oom rule for the matrix host. */
const alertRule = (name: string, t: Target) => ({
  name,
  condition: { kind: "container_oom" },
  scope: { hostIds: [t.hostId] },
});
let alertIds: Promise<{ ruleId: string; eventId: string }> | null = null;
/** The admin's rule for the matrix host and an alert of it on the matrix container, made once. */
function alertFixture(t: Target): Promise<{ ruleId: string; eventId: string }> {
  alertIds ??= (async () => {
    const { db } = await import("@/lib/db");
    const rule = await db.alertRule.create({
      data: {
        name: "matrix rule",
        kind: "container_oom",
        condition: { kind: "container_oom" },
        scope: { hostIds: [t.hostId], hostGroupIds: [], labels: [] },
      },
    });
    const event = await db.alertEvent.create({
      data: {
        ruleId: rule.id,
        ruleName: rule.name,
        kind: "container_oom",
        severity: "warning",
        subject: `container:${t.hostId}/${t.container}`,
        hostId: t.hostId,
        containerName: t.container,
        message: "matrix was killed for lack of memory",
        details: {},
      },
    });
    return { ruleId: rule.id, eventId: event.id };
  })();
  return alertIds;
}
/** The role's own rule (made by the create entry point); the shared one for roles that could not. */
async function ownAlertRule(a: Actor, t: Target, what: string): Promise<string> {
  const { db } = await import("@/lib/db");
  const own = await db.alertRule.findFirst({ where: { name: mine(a, what) } });
  return own?.id ?? (await alertFixture(t)).ruleId;
}
/** Alert lists filter rather than refuse: the host's rule or alert is left out. */
async function alertList(
  get: () => Promise<Response>,
  key: "rules" | "events",
  id: string,
): Promise<Outcome> {
  const res = await get();
  if (res.status !== 200) return fromResponse(res);
  const body = (await res.json()) as Record<typeof key, Array<{ id: string }>>;
  return body[key].some((item) => item.id === id) ? "allowed" : "not found";
}
const v1fetch = (a: Actor, url: string) =>
  fetch(new URL(`/api/v1${url}`, stack.server.url), {
    headers: { authorization: `Bearer ${a.token}` },
  });

/** A container made from an image of a registry nobody listens on: its update's pull fails fast. */
let updatableContainer: Promise<string> | null = null;
function updatable(t: Target): Promise<string> {
  updatableContainer ??= (async () => {
    const host = stack.hosts[stack.hostIds.indexOf(t.hostId)]!;
    await host.docker(["tag", BUSYBOX_IMAGE, UNREACHABLE_IMAGE]);
    await host.docker(["run", "-d", "--name", "m-updatable", UNREACHABLE_IMAGE, "sleep", "3600"]);
    return "m-updatable";
  })();
  return updatableContainer;
}
/** The role's own auto-update policy (made by the create entry point), or one made by an admin. */
async function ownPolicy(a: Actor, t: Target, what: string): Promise<string> {
  const { db } = await import("@/lib/db");
  const own = await db.autoUpdatePolicy.findFirst({ where: { containerName: mine(a, what) } });
  if (own) return own.id;
  const shared = await db.autoUpdatePolicy.findFirst({ where: { containerName: "m-shared-au" } });
  if (shared) return shared.id;
  const admin = await db.user.findUniqueOrThrow({ where: { email: "root@example.test" } });
  const created = await db.autoUpdatePolicy.create({
    data: {
      hostId: t.hostId,
      containerName: "m-shared-au",
      cron: "0 3 * * *",
      enabled: false,
      createdById: admin.id,
      createdBy: admin.email,
      nextRunAt: new Date("2100-01-01T00:00:00Z"),
    },
  });
  return created.id;
}

/** The stacks list filters rather than refuses: a host the user may not read is left out. */
async function stackList(get: () => Promise<Response>): Promise<Outcome> {
  const res = await get();
  if (res.status !== 200) return fromResponse(res);
  const body = (await res.json()) as { stacks: Array<{ id: string | null }> };
  return body.stacks.some((s) => s.id === stackIds.plain) ? "allowed" : "not found";
}

/** Creates a network; one that was made is removed again (a parent takes one macvlan network). */
async function createdAndRemoved(
  actor: Actor,
  t: Target,
  spec: { name: string } & Record<string, unknown>,
): Promise<Outcome> {
  const outcome = await http(actor, `${net(t)}/create`, "POST", spec);
  if (outcome === "allowed") await http(actor, `${net(t)}/remove`, "POST", { network: spec.name });
  return outcome;
}

/** A streamed upload (a file, a backup): the body as it is. */
async function upload(actor: Actor, url: string, body: Uint8Array<ArrayBuffer>): Promise<Outcome> {
  return fromResponse(await actor.session.fetch(url, { method: "POST", body }));
}

/** Lists filter rather than refuse: a host the user may not read images on is left out. */
async function imageList(actor: Actor, url: string, t: Target): Promise<Outcome> {
  const res = await actor.session.fetch(url);
  if (res.status !== 200) return fromResponse(res);
  const body = (await res.json()) as { hosts: Array<{ id: string }> };
  return body.hosts.some((h) => h.id === t.hostId) ? "allowed" : "not found";
}

/**
 * Past the guard, this sandbox's engine cannot start a privileged container (its capabilities
 * are limited): the engine's refusal still shows the guard let the call through.
 */
function engineMayRefuse(outcome: Outcome): Outcome {
  return outcome.startsWith("unexpected 502") && outcome.includes("ENGINE_ERROR")
    ? "allowed"
    : outcome;
}

/** The bulk endpoint answers per item; a refused item reports the guard's code. */
async function bulk(actor: Actor, t: Target): Promise<Outcome> {
  const res = await actor.session.fetch("/api/containers/bulk", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ action: "start", targets: [{ hostId: t.hostId, id: t.container }] }),
  });
  if (res.status !== 200) return fromResponse(res);
  const body = (await res.json()) as { results: Array<{ ok: boolean; code?: string }> };
  const item = body.results[0];
  if (item?.code === "FORBIDDEN") return "forbidden";
  if (item?.code === "NOT_FOUND") return "not found";
  return "allowed";
}

function expected(role: Role, permission: HostPermission): Outcome {
  if (role === "ADMIN") return "allowed";
  if (role === "none") return "not found";
  return roleAllows(role, permission) ? "allowed" : "forbidden";
}

beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
  const hostId = stack.hostIds[0]!;
  await stack.hosts[0]!.docker(["run", "-d", "--name", "matrix", BUSYBOX_IMAGE, "sleep", "3600"]);
  await stack.hosts[0]!.docker(["tag", BUSYBOX_IMAGE, UNREACHABLE_IMAGE]);
  await stack.hosts[0]!.docker([
    "run",
    "-d",
    "--name",
    POWERFUL,
    "-v",
    "/:/host:ro",
    BUSYBOX_IMAGE,
    "sleep",
    "3600",
  ]);
  await stack.hosts[0]!.docker(["volume", "create", MATRIX_VOLUME]);
  await stack.hosts[0]!.docker([
    "create",
    "--name",
    "keeps-the-volume",
    "-v",
    `${MATRIX_VOLUME}:/v`,
    BUSYBOX_IMAGE,
    "sh",
  ]);
  await stack.hosts[0]!.docker([
    "run",
    "--rm",
    "-v",
    `${MATRIX_VOLUME}:/v`,
    BUSYBOX_IMAGE,
    "sh",
    "-c",
    "echo hi > /v/f.txt",
  ]);
  backup = new Uint8Array(
    gzipSync(
      Buffer.from(
        await new Blob(
          tarParts([{ path: "hello.txt", data: new Uint8Array([104, 105]) }]) as BlobPart[],
        ).arrayBuffer(),
      ),
    ),
  );
  target = { hostId, container: "matrix" };
  for (const [key, service] of [
    ["plain", ""],
    ["privileged", "    privileged: true\n"],
    ["etc", "    volumes:\n      - /etc:/host-etc:ro\n"],
  ] as const) {
    const res = await stack.admin.fetch("/api/stacks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        hostId,
        // not "matrix-…": the container list test looks for containers named matrix
        name: key === "plain" ? MATRIX_STACK : `policy-${key}`,
        ...composeFiles(service),
      }),
    });
    stackIds[key] = ((await res.json()) as { id: string }).id;
  }
  // a git stack as saved (its repository is never asked: making a webhook URL needs no fetch)
  const { db } = await import("@/lib/db");
  stackIds.git = (
    await db.stack.create({
      data: {
        hostId,
        name: `${MATRIX_STACK}-git`,
        files: [],
        composeFiles: [],
        profiles: [],
        source: "git",
        gitUrl: "https://git.example.invalid/app.git",
        gitBranch: "main",
        gitPath: "compose.yaml",
      },
    })
  ).id;
  // A project per role started on the host as docker compose would (by its labels), to adopt.
  for (const role of ROLES) {
    const project = `m-${role.toLowerCase().replace("_", "-")}-found`;
    await stack.hosts[0]!.docker([
      "run",
      "-d",
      "--name",
      `${project}-app-1`,
      "--label",
      `com.docker.compose.project=${project}`,
      "--label",
      "com.docker.compose.service=app",
      "--label",
      "com.docker.compose.container-number=1",
      "--label",
      "com.docker.compose.oneoff=False",
      "--label",
      `com.docker.compose.config-hash=${"0".repeat(64)}`,
      "--label",
      `com.docker.compose.project.config_files=/srv/${project}/compose.yaml`,
      "--label",
      `com.docker.compose.project.working_dir=/srv/${project}`,
      BUSYBOX_IMAGE,
      "sleep",
      "3600",
    ]);
  }
  for (const role of ROLES) {
    const email = `grantee-${role.toLowerCase()}@example.test`;
    // A user who never signs in: the password hash is not one any password matches.
    const user = await db.user.create({ data: { email, name: email, passwordHash: "!" } });
    grantees.set(role, user.id);
  }
  const { createApiToken } = await import("@/lib/services/tokens/create-api-token");
  for (const role of ROLES) {
    let session: TestSession;
    let userId: string;
    if (role === "ADMIN") {
      session = stack.admin;
      userId = (await db.user.findUniqueOrThrow({ where: { email: "root@example.test" } })).id;
    } else {
      const grants = role === "none" ? [] : [{ hostId, role: role as HostRole }];
      ({ session, userId } = await createUserSession(
        stack,
        `${role.toLowerCase()}@example.test`,
        grants,
      ));
    }
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    const { token } = await createApiToken(
      { id: user.id, email: user.email, name: user.name, role: user.role },
      { name: "matrix", expiresInDays: 1 },
    );
    actors.set(role, { role, session, token, socket: await connected(session.uiSocket()) });
  }
  // Wait until the hub's container cache has the container (GET container reads it).
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const res = await stack.admin.fetch(c(target));
    if (res.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);

afterAll(async () => {
  for (const actor of actors.values()) actor.socket.close();
  await stack?.stop();
});

describe("permission matrix", () => {
  it("covers every host permission the code checks", () => {
    const used = new Set<string>();
    const scan = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (name === "generated" || name === "node_modules") continue;
        if (statSync(file).isDirectory()) scan(file);
        else if (/\.tsx?$/.test(name) && !file.endsWith(path.join("auth", "permissions.ts"))) {
          for (const [, literal] of readFileSync(file, "utf8").matchAll(/"([a-z]+\.[a-z]+)"/g)) {
            if (literal && literal in HOST_PERMISSIONS) used.add(literal);
          }
        }
      }
    };
    scan("lib");
    scan("app");
    const covered = new Set(ENTRY_POINTS.map((e) => e.permission));
    expect([...used].filter((p) => !covered.has(p as HostPermission)).sort()).toEqual([]);
  });

  for (const entry of ENTRY_POINTS) {
    it(`${entry.name} (${entry.permission}: ${HOST_PERMISSIONS[entry.permission]})`, async () => {
      const got: Record<string, Outcome> = {};
      const want: Record<string, Outcome> = {};
      for (const role of ROLES) {
        got[role] = await entry.call(actors.get(role)!, target);
        want[role] = expected(role, entry.permission);
      }
      expect(got).toEqual(want);
    });
  }

  it("lists show a host and its containers only to users with a grant", async () => {
    for (const role of ROLES) {
      const actor = actors.get(role)!;
      const visible = role !== "none";
      const hosts = (await (await actor.session.fetch("/api/hosts")).json()) as {
        hosts: Array<{ id: string }>;
      };
      expect(
        hosts.hosts.map((h) => h.id),
        role,
      ).toEqual(visible ? [target.hostId] : []);
      const apiHosts = (await (
        await fetch(new URL("/api/v1/hosts", stack.server.url), {
          headers: { authorization: `Bearer ${actor.token}` },
        })
      ).json()) as { hosts: Array<{ id: string }> };
      expect(
        apiHosts.hosts.map((h) => h.id),
        role,
      ).toEqual(visible ? [target.hostId] : []);
      const containers = (await (await actor.session.fetch("/api/containers?q=matrix")).json()) as {
        items: Array<{ name: string }>;
      };
      expect(
        containers.items.map((i) => i.name),
        role,
      ).toEqual(visible ? ["matrix"] : []);
    }
  });

  it("a refused call changes nothing", async () => {
    const { db } = await import("@/lib/db");
    const names = (await stack.hosts[0]!.docker(["ps", "-a", "--format", "{{.Names}}"])).stdout;
    // Only roles holding container.create made containers; nobody below host admin made a
    // privileged one (whether the engine could start those for admins does not matter here).
    for (const role of ROLES) {
      const plain = `m-${role.toLowerCase()}-0`;
      expect(names.includes(plain), plain).toBe(expected(role, "container.create") === "allowed");
      if (expected(role, "container.privileged") !== "allowed") {
        expect(names.includes(`m-${role.toLowerCase()}-1`)).toBe(false);
      }
    }
    const privilegedDenied = await db.auditEvent.count({
      where: { action: "container.create", outcome: "DENIED", target: { endsWith: "-1" } },
    });
    expect(privilegedDenied).toBe(4);
    // The policy refused the deployer's escapes by rule (weaker roles earlier, by role); nobody
    // below host admin got one onto the host.
    for (const [suffix, rule] of [
      ["caps", "capabilities"],
      ["hostnet", "hostNamespace"],
      ["etc", "hostPath"],
    ] as const) {
      for (const role of ROLES) {
        const name = `m-${role.toLowerCase()}-${suffix}`;
        expect(names.includes(name), name).toBe(
          expected(role, "container.privileged") === "allowed",
        );
      }
      const deployerRow = await db.auditEvent.findFirst({
        where: { action: "container.create", outcome: "DENIED", target: `m-deployer-${suffix}` },
      });
      expect(deployerRow?.error).toContain(`[policy: ${rule}]`);
    }
    // Every policy change is audited; refusals too.
    expect(
      await db.auditEvent.count({ where: { action: "policy.update", outcome: "SUCCESS" } }),
    ).toBe(4);
    expect(
      await db.auditEvent.count({ where: { action: "policy.update", outcome: "DENIED" } }),
    ).toBe(8);
    // Re-enrolment tokens exist only for the two roles that hold host.manage.
    expect(await db.enrollmentToken.count({ where: { hostId: target.hostId, usedAt: null } })).toBe(
      2,
    );
    // Each refusal is in the audit log as DENIED.
    const denied = await db.auditEvent.count({
      where: { action: "host.reenrollment.create", outcome: "DENIED" },
    });
    expect(denied).toBe(4);
    // Tags were made (and removed again) only by roles that may; none is left behind.
    const images = (await stack.hosts[0]!.docker(["images", "--format", "{{.Repository}}"])).stdout;
    expect(images.split("\n").filter((r) => r.startsWith("m-"))).toEqual([]);
    // Networks: the roles that may manage them made and removed their own; only host admins
    // made (and removed) a macvlan one.
    const networks = new Set(
      (await stack.hosts[0]!.docker(["network", "ls", "--format", "{{.Name}}"])).stdout.split("\n"),
    );
    for (const role of ROLES) {
      const r = role.toLowerCase();
      expect([`m-${r}-net`, `m-${r}-v1net`, `m-${r}-lan`].filter((n) => networks.has(n))).toEqual(
        [],
      );
      const made = await db.auditEvent.count({
        where: { action: "network.create", outcome: "SUCCESS", target: `m-${r}-lan` },
      });
      expect(made, r).toBe(expected(role, "container.privileged") === "allowed" ? 1 : 0);
    }
    const lanDenied = await db.auditEvent.findFirst({
      where: { action: "network.create", outcome: "DENIED", target: "m-deployer-lan" },
    });
    expect(lanDenied?.error).toContain("[policy: lanNetwork]");
    // the host network is host networking: the policy, not the role, stopped the deployer
    const hostNetworkRefusals = await db.auditEvent.findMany({
      where: { action: "network.connect", target: "host", error: { contains: "[policy:" } },
    });
    expect(
      hostNetworkRefusals.map((r) => [r.outcome, r.error?.endsWith("[policy: hostNamespace]")]),
    ).toEqual([["DENIED", true]]);
    // Volumes: a deployer's bind of /etc was refused by the policy, a host admin's made.
    const volumeRows = await db.auditEvent.findMany({
      where: { action: "volume.create", target: { endsWith: "-etcvol" } },
    });
    expect(volumeRows.map((r) => `${r.target} ${r.outcome}`).sort()).toEqual([
      "m-admin-etcvol SUCCESS",
      "m-deployer-etcvol DENIED",
      "m-host-admin-etcvol SUCCESS",
      "m-none-etcvol DENIED",
      "m-operator-etcvol DENIED",
      "m-viewer-etcvol DENIED",
    ]);
    // Only roles that may grant gave their grantee a role on the host.
    for (const role of ROLES) {
      const grants = await db.hostAccess.count({ where: { userId: grantees.get(role) } });
      expect(grants, role).toBe(expected(role, "access.grant") === "allowed" ? 1 : 0);
    }
  });

  it("cross-team ids answer 404 over HTTP, the API and the socket, even for unknown ids", async () => {
    const stranger = actors.get("none")!;
    const unknown = { hostId: "c0000000000000000000000000", container: "matrix" };
    for (const t of [target, unknown]) {
      expect(await http(stranger, c(t))).toBe("not found");
      expect(await v1(stranger, cv1(t))).toBe("not found");
      expect(
        await socket(stranger, UiEvents.logsSubscribe, {
          hostId: t.hostId,
          options: { id: "matrix" },
        }),
      ).toBe("not found");
    }
    // The admin, too, gets 404 for a host that does not exist.
    expect(await http(actors.get("ADMIN")!, c(unknown))).toBe("not found");
  });
});

/**
 * Adding hosts over SSH and removing hosts are global ADMIN rights, whatever the role on a host.
 * A body the schema refuses shows the guard let the caller through (400) without touching the
 * matrix host; every other role is refused (403) before the body is read, and the refusal of a
 * removal is audited.
 */
describe("host onboarding and removal (administrators only)", () => {
  const notValid = { address: "" };
  const calls: Array<[string, (a: Actor) => Promise<number>]> = [
    ["POST /api/hosts/ssh/host-key", (a) => status(a, "/api/hosts/ssh/host-key", "POST")],
    ["POST /api/hosts/ssh", (a) => status(a, "/api/hosts/ssh", "POST")],
    ["POST /api/hosts/ssh/cancel", (a) => status(a, "/api/hosts/ssh/cancel", "POST")],
    ["DELETE /api/hosts/:id", (a) => status(a, `/api/hosts/${target.hostId}`, "DELETE")],
    ["POST v1 /hosts/ssh/host-key", (a) => statusV1(a, "/hosts/ssh/host-key", "POST")],
    ["POST v1 /hosts/ssh", (a) => statusV1(a, "/hosts/ssh", "POST")],
    ["POST v1 /hosts/ssh/cancel", (a) => statusV1(a, "/hosts/ssh/cancel", "POST")],
    ["DELETE v1 /hosts/:id", (a) => statusV1(a, `/hosts/${target.hostId}`, "DELETE")],
  ];

  async function status(actor: Actor, url: string, method: string): Promise<number> {
    const body = method === "DELETE" ? { uninstall: "yes" } : notValid;
    const res = await actor.session.fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  }

  async function statusV1(actor: Actor, url: string, method: string): Promise<number> {
    const body = method === "DELETE" ? { uninstall: "yes" } : notValid;
    const res = await fetch(new URL(`/api/v1${url}`, stack.server.url), {
      method,
      headers: { authorization: `Bearer ${actor.token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  }

  it("lets only ADMIN through, over the browser API and /api/v1", async () => {
    for (const role of ROLES) {
      for (const [name, call] of calls) {
        expect(await call(actors.get(role)!), `${role} ${name}`).toBe(role === "ADMIN" ? 400 : 403);
      }
    }
    const { db } = await import("@/lib/db");
    const removals = await db.auditEvent.findMany({ where: { action: "host.remove" } });
    expect(removals.filter((r) => r.outcome === "DENIED")).toHaveLength(2 * (ROLES.length - 1));
    expect(await db.host.count({ where: { id: target.hostId } })).toBe(1);
  });
});

/** The stack template catalogue is for every signed-in user, whatever their roles on hosts. */
describe("stack templates (every signed-in user)", () => {
  it("lists the catalogue to every role over the browser API and /api/v1, to nobody signed out", async () => {
    for (const role of ROLES) {
      const actor = actors.get(role)!;
      expect(await http(actor, "/api/stacks/templates"), `${role} GET templates`).toBe("allowed");
      expect(await v1(actor, "/stacks/templates"), `${role} v1 GET templates`).toBe("allowed");
    }
    const res = await fetch(new URL("/api/stacks/templates", stack.server.url));
    await res.body?.cancel().catch(() => undefined);
    expect(res.status).toBe(401);
  });
});

/**
 * Alert channels and the delivery log. Channels are administrators' (alerts.manage): a body the
 * schema refuses or an unknown id shows the guard let ADMIN through (400 / 404), every other role
 * is refused (403) before the body is read. The channel list is also for rule makers (alert.manage
 * on some host: HOST_ADMIN here), the delivery log for everyone (filtered to what they can see).
 */
describe("alert channels and deliveries", () => {
  const unknown = "c0000000000000000000000000";
  const calls: Array<[string, string, string, number, number]> = [
    // name, method, path, ADMIN's status, status of the others
    ["POST channels", "POST", "/alerts/channels", 400, 403],
    ["GET channel", "GET", `/alerts/channels/${unknown}`, 404, 403],
    ["PATCH channel", "PATCH", `/alerts/channels/${unknown}`, 400, 403],
    ["DELETE channel", "DELETE", `/alerts/channels/${unknown}`, 404, 403],
    ["POST channel test", "POST", `/alerts/channels/${unknown}/test`, 404, 403],
    ["POST unsaved test", "POST", "/alerts/channels/test", 400, 403],
    ["POST delivery retry", "POST", `/alerts/deliveries/${unknown}/retry`, 404, 403],
    ["GET deliveries", "GET", "/alerts/deliveries", 200, 200],
  ];
  const body = (method: string) =>
    method === "POST" || method === "PATCH" ? JSON.stringify({ name: "" }) : undefined;

  async function status(actor: Actor, method: string, url: string, v1Api: boolean) {
    const res = v1Api
      ? await fetch(new URL(`/api/v1${url}`, stack.server.url), {
          method,
          headers: { authorization: `Bearer ${actor.token}`, "content-type": "application/json" },
          body: body(method),
        })
      : await actor.session.fetch(`/api${url}`, {
          method,
          headers: { "content-type": "application/json" },
          body: body(method),
        });
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  }

  it("lets only ADMIN change or test channels, rule makers list them, everyone read the log", async () => {
    for (const role of ROLES) {
      const actor = actors.get(role)!;
      for (const v1Api of [false, true]) {
        const tag = `${role} ${v1Api ? "v1 " : ""}`;
        for (const [name, method, url, forAdmin, forOthers] of calls) {
          expect(await status(actor, method, url, v1Api), tag + name).toBe(
            role === "ADMIN" ? forAdmin : forOthers,
          );
        }
        const lists = role === "ADMIN" || expected(role, "alert.manage") === "allowed";
        expect(await status(actor, "GET", "/alerts/channels", v1Api), `${tag}GET channels`).toBe(
          lists ? 200 : 403,
        );
      }
    }
    const { db } = await import("@/lib/db");
    const denied = await db.auditEvent.count({
      where: {
        action: { startsWith: "alert.channel." },
        outcome: "DENIED",
        error: { startsWith: "Only administrators" },
      },
    });
    // create, update, delete and the two tests, over both APIs, for every role but ADMIN
    expect(denied).toBe(5 * 2 * (ROLES.length - 1));
  });
});
