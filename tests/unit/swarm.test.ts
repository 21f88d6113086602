import { describe, expect, it, vi } from "vitest";
import { ServiceSpecSchema, type PolicyViolation } from "@/lib/protocol";
import { quorumWords } from "@/components/swarm/quorum";
import {
  INITIAL_SERVICE_FORM,
  errorFor,
  errorsUnder,
  mountPath,
  toServiceSpec,
  violationErrors,
  type MountRow,
  type ServiceFormState,
} from "@/components/swarm/service-form/service-form-model";
import { demuxLines, parseServiceLogLine } from "../../agent/src/engine/service-logs";
import { ListFeed } from "../../agent/src/engine/list-feed";
import { changesSwarm } from "../../agent/src/engine/swarm-list-events";
import {
  advertiseCandidates,
  suggestAdvertiseAddress,
} from "@/lib/services/swarm/advertise-address";
import {
  nodesMatching,
  placementConstraints,
  runSpecOfService,
  type PlacedNode,
} from "@/lib/services/swarm/service-placement";

const node = (id: string, extra: Partial<PlacedNode> = {}): PlacedNode => ({
  id,
  hostname: `host-${id}`,
  role: "worker",
  availability: "active",
  state: "ready",
  addr: "10.0.0.1",
  message: "",
  leader: false,
  reachability: null,
  labels: {},
  hostId: `h-${id}`,
  hostName: `host-${id}`,
  ...extra,
});

describe("advertise addresses", () => {
  const iface = (name: string, address: string, extra: object = {}) => ({
    name,
    type: "ethernet",
    up: true,
    engine: false,
    mac: null,
    addresses: [{ address, prefix: 24, family: 4 as const }],
    ...extra,
  });

  it("offers the host's own IPv4 addresses, not the engine's or loopback", () => {
    const candidates = advertiseCandidates([
      iface("lo", "127.0.0.1", { type: "loopback" }),
      iface("docker0", "172.17.0.1", { engine: true }),
      iface("eth0", "10.99.0.2"),
      iface("eth1", "192.168.1.5"),
      iface("eth2", "192.168.9.5", { up: false }),
    ]);
    expect(candidates).toEqual(["10.99.0.2", "192.168.1.5"]);
  });

  it("suggests the address the agent connects from when the host has it", () => {
    expect(suggestAdvertiseAddress(["10.99.0.2", "192.168.1.5"], "192.168.1.5")).toBe(
      "192.168.1.5",
    );
    expect(suggestAdvertiseAddress(["10.99.0.2"], "203.0.113.7")).toBe("10.99.0.2");
    expect(suggestAdvertiseAddress([], null)).toBeNull();
  });
});

describe("service placement", () => {
  const nodes = [
    node("a", { role: "manager", labels: { zone: "north" } }),
    node("b", { labels: { zone: "south" } }),
    node("c", { hostId: null, hostName: null }),
  ];

  it("finds the nodes constraints allow, counting unknowable ones as allowed", () => {
    const ids = (c: string[]) => nodesMatching(nodes, c).map((n) => n.id);
    expect(ids(["node.labels.zone==north"])).toEqual(["a"]);
    expect(ids(["node.role!=manager"])).toEqual(["b", "c"]);
    expect(ids(["node.hostname==host-b"])).toEqual(["b"]);
    expect(ids(["engine.labels.disk==ssd"])).toEqual(["a", "b", "c"]);
  });

  it("places on one host by id, and on several by excluding the other nodes", () => {
    const spec = (hostIds: string[]) =>
      ServiceSpecSchema.parse({ name: "web", image: "app:1", hostIds, constraints: [] });
    expect(placementConstraints(spec(["h-b"]), nodes)).toEqual(["node.id==b"]);
    expect(placementConstraints(spec(["h-a", "h-b"]), nodes)).toEqual(["node.id!=c"]);
    expect(() => placementConstraints(spec(["h-zz"]), nodes)).toThrow(/not a node/);
  });

  it("judges a service's tasks as the run spec they amount to, with the same field names", () => {
    const run = runSpecOfService(
      ServiceSpecSchema.parse({
        name: "web",
        image: "app:1",
        binds: [{ source: "/etc", target: "/x" }],
        capAdd: ["net_admin"],
        limits: { memoryBytes: 64 * 1024 * 1024 },
      }),
    );
    expect(run.binds[0]?.source).toBe("/etc");
    expect(run.capAdd).toEqual(["NET_ADMIN"]);
    expect(run.memoryBytes).toBe(64 * 1024 * 1024);
  });

  it("refuses a replica count on a global service and a malformed constraint", () => {
    const global = ServiceSpecSchema.safeParse({
      name: "g",
      image: "app:1",
      mode: "global",
      replicas: 3,
    });
    expect(global.error?.issues[0]?.path).toEqual(["replicas"]);
    const bad = ServiceSpecSchema.safeParse({ name: "g", image: "app:1", constraints: ["zone=a"] });
    expect(bad.error?.issues[0]?.path).toEqual(["constraints", 0]);
  });
});

describe("service logs", () => {
  const frame = (stream: 1 | 2, text: string) => {
    const body = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(body.length, 4);
    return Buffer.concat([header, body]);
  };
  const details =
    "com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1";

  it("splits frames into lines per stream and reads each line's task and node", () => {
    const buf = Buffer.concat([
      frame(1, `2026-01-01T00:00:01.000000000Z ${details} hello world\n`),
      frame(2, `2026-01-01T00:00:00.500000000Z ${details} oops`),
    ]);
    const lines = demuxLines(buf).map(({ stream, line }) => parseServiceLogLine(line, stream));
    expect(lines).toEqual([
      {
        time: "2026-01-01T00:00:01.000000000Z",
        taskId: "t1",
        nodeId: "n1",
        stream: "o",
        text: "hello world",
      },
      {
        time: "2026-01-01T00:00:00.500000000Z",
        taskId: "t1",
        nodeId: "n1",
        stream: "e",
        text: "oops",
      },
    ]);
    expect(parseServiceLogLine("not a log line", "o")).toBeNull();
  });
});

describe("swarm feed", () => {
  it("coalesces node, service, task container and overlay events into one notice", () => {
    vi.useFakeTimers();
    const notify = vi.fn();
    const feed = new ListFeed(changesSwarm, notify, 100);
    const event = (Type: string, Action: string, Attributes: Record<string, string> = {}) => ({
      Type,
      Action,
      Actor: { ID: "x", Attributes },
    });
    feed.onEvent(event("container", "start"));
    feed.onEvent(event("network", "create", { type: "bridge" }));
    vi.advanceTimersByTime(200);
    expect(notify).not.toHaveBeenCalled();
    feed.onEvent(event("node", "update"));
    feed.onEvent(event("service", "create"));
    feed.onEvent(event("container", "die", { "com.docker.swarm.task.id": "t" }));
    feed.onEvent(event("network", "connect", { type: "overlay" }));
    vi.advanceTimersByTime(200);
    expect(notify).toHaveBeenCalledTimes(1);
    feed.stop();
    vi.useRealTimers();
  });
});

describe("manager quorum", () => {
  it("says what a lost manager means for the swarm", () => {
    expect(quorumWords({ total: 3, reachable: 3 })).toEqual({
      text: "3 managers, all reachable.",
      bad: false,
    });
    expect(quorumWords({ total: 1, reachable: 1 }).text).toContain("losing it stops changes");
    expect(quorumWords({ total: 3, reachable: 2 })).toEqual({
      text: "1 of 3 managers unreachable: the swarm keeps working while 2 are reachable.",
      bad: true,
    });
    expect(quorumWords({ total: 3, reachable: 1 }).text).toMatch(
      /lost its quorum.*until 2 are back/,
    );
  });
});

describe("service form", () => {
  const form = (change: Partial<ServiceFormState>): ServiceFormState => ({
    ...INITIAL_SERVICE_FORM,
    name: "web",
    image: "busybox",
    ...change,
  });
  const mount = (key: number, type: MountRow["type"], extra: Partial<MountRow> = {}): MountRow => ({
    key,
    type,
    source: "",
    target: `/m${key}`,
    readOnly: false,
    sizeMb: "",
    ...extra,
  });

  it("gives each mount row the spec field the server names in its errors", () => {
    const mounts = [
      mount(1, "bind", { source: "/srv" }),
      mount(2, "tmpfs", { sizeMb: "8" }),
      mount(3, "bind", { source: "/etc" }),
      mount(4, "volume", { source: "data" }),
    ];
    expect(mounts.map((_, i) => mountPath(mounts, i))).toEqual([
      "binds.0",
      "tmpfs.0",
      "binds.1",
      "volumes.0",
    ]);
    const { spec, errors } = toServiceSpec(form({ mounts }), [], []);
    expect(errors).toEqual({});
    const parsed = ServiceSpecSchema.parse(spec);
    expect(parsed.binds.map((b) => b.source)).toEqual(["/srv", "/etc"]);
    expect(parsed.tmpfs).toEqual([{ target: "/m2", sizeBytes: 8 * 1024 * 1024 }]);
    expect(parsed.volumes).toEqual([{ name: "data", target: "/m4", readOnly: false }]);
  });

  it("reads the policies and refuses text that is not a number beside its field", () => {
    const { spec, errors } = toServiceSpec(
      form({
        reserveMemoryMb: "lots",
        limitCpus: "0",
        restartCondition: "on-failure",
        restartMaxAttempts: "2.5",
        restartWindow: "30",
        order: "start-first",
        ports: "8080:80\nweb",
      }),
      [],
      [],
    );
    expect(errors).toEqual({
      "reservations.memoryBytes": "Write a size in MiB, at least 6.",
      "limits.cpus": "Write a number of CPUs above 0, e.g. 0.5.",
      "restartPolicy.maxAttempts": "Write a whole number, 0 or more.",
      "ports.1": "Line 2: write a port as published:target, e.g. 8080:80.",
    });
    expect(spec.restartPolicy).toMatchObject({ condition: "on-failure", windowSeconds: 30 });
    expect(spec.update).toMatchObject({ order: "start-first" });
  });

  it("shows a policy violation beside the service field it concerns, one per host joined", () => {
    const errors = violationErrors([
      { rule: "protectedPath", field: "binds.0.source", message: "On a: refused" },
      { rule: "protectedPath", field: "binds.0.source", message: "On b: refused" },
      { rule: "maxMemory", field: "memoryBytes", message: "On a: too much" },
    ] as PolicyViolation[]);
    expect(errors).toEqual({
      "binds.0.source": "On a: refused (protectedPath) On b: refused (protectedPath)",
      "limits.memoryBytes": "On a: too much (maxMemory)",
    });
    expect(errorFor(errors, "binds.0.source")).toContain("On b");
    expect(errorFor(errors, "binds.0.target")).toBeUndefined();
    expect(errorFor({ binds: "No binds here." }, "binds.0.source")).toBe("No binds here.");
    expect(errorsUnder({ "env.1.key": "No '='." }, "env")).toBe("No '='.");
  });
});
