import { describe, expect, it } from "vitest";
import { HOST_ROLES, type HostRoleName } from "@/lib/auth/permissions";
import {
  RunSpecSchema,
  type HostSecurityPolicyInput,
  HostSecurityPolicySchema,
} from "@/lib/protocol";
import { effectivePolicy, STRICT_POLICY, sysctlMatches } from "@/lib/policy/effective-policy";
import { evaluatePolicy, ruleNames, type HostFacts } from "@/lib/policy/evaluate-policy";
import { intersectPathLists, isPathWithin, pathsOverlap } from "@/lib/policy/host-paths";
import { subjectFromInspect } from "@/lib/policy/subject-from-inspect";

const NO_FACTS: HostFacts = { protectedPaths: [], volumeBinds: {} };
const AGENT_FACTS: HostFacts = {
  protectedPaths: [
    { path: "/var/lib/berth-agent", what: "the Berth agent's state directory" },
    { path: "/opt/berth-agent", what: "the Berth agent's install directory" },
    { path: "/run/docker.sock", what: "the Docker engine's socket" },
    { path: "/var/lib/docker", what: "the Docker engine's data directory" },
  ],
  volumeBinds: {},
};
const BELOW_ADMIN = HOST_ROLES.filter((r) => r !== "HOST_ADMIN");

const spec = (extra: Record<string, unknown> = {}) =>
  RunSpecSchema.parse({ image: "busybox", ...extra });
const policy = (p: HostSecurityPolicyInput = {}) => HostSecurityPolicySchema.parse(p);

function check(
  extra: Record<string, unknown>,
  p: HostSecurityPolicyInput = {},
  role: HostRoleName = "DEPLOYER",
  facts: HostFacts = NO_FACTS,
) {
  return evaluatePolicy(spec(extra), policy(p), role, facts);
}

/** One escape per rule: what the strict default refuses, what allows it, and the field it is on. */
const ESCAPES: Array<{
  name: string;
  spec: Record<string, unknown>;
  rule: string;
  field: string;
  allowedBy: HostSecurityPolicyInput;
}> = [
  {
    name: "privileged",
    spec: { privileged: true },
    rule: "privileged",
    field: "privileged",
    allowedBy: { allowPrivileged: true },
  },
  {
    name: "capAdd SYS_ADMIN",
    spec: { capAdd: ["SYS_ADMIN"] },
    rule: "capabilities",
    field: "capAdd",
    allowedBy: { allowedCapabilities: ["SYS_ADMIN"] },
  },
  {
    name: "capAdd ALL",
    spec: { capAdd: ["ALL"] },
    rule: "capabilities",
    field: "capAdd",
    allowedBy: { allowedCapabilities: ["ALL"] },
  },
  {
    name: "network host",
    spec: { networkMode: "host" },
    rule: "hostNamespace",
    field: "networkMode",
    allowedBy: { hostNamespaces: ["network"] },
  },
  {
    name: "pid host",
    spec: { pidMode: "host" },
    rule: "hostNamespace",
    field: "pidMode",
    allowedBy: { hostNamespaces: ["pid"] },
  },
  {
    name: "ipc host",
    spec: { ipcMode: "host" },
    rule: "hostNamespace",
    field: "ipcMode",
    allowedBy: { hostNamespaces: ["ipc"] },
  },
  {
    name: "uts host",
    spec: { utsMode: "host" },
    rule: "hostNamespace",
    field: "utsMode",
    allowedBy: { hostNamespaces: ["uts"] },
  },
  {
    name: "userns host",
    spec: { usernsMode: "host" },
    rule: "hostNamespace",
    field: "usernsMode",
    allowedBy: { hostNamespaces: ["userns"] },
  },
  {
    name: "cgroupns host",
    spec: { cgroupnsMode: "host" },
    rule: "hostNamespace",
    field: "cgroupnsMode",
    allowedBy: { hostNamespaces: ["cgroupns"] },
  },
  {
    name: "network container:x",
    spec: { networkMode: "container:web" },
    rule: "containerNamespace",
    field: "networkMode",
    allowedBy: { allowContainerNamespaces: true },
  },
  {
    name: "pid container:x",
    spec: { pidMode: "container:web" },
    rule: "containerNamespace",
    field: "pidMode",
    allowedBy: { allowContainerNamespaces: true },
  },
  {
    name: "ipc container:x",
    spec: { ipcMode: "container:web" },
    rule: "containerNamespace",
    field: "ipcMode",
    allowedBy: { allowContainerNamespaces: true },
  },
  {
    name: "a device",
    spec: { devices: [{ hostPath: "/dev/sda" }] },
    rule: "devices",
    field: "devices",
    allowedBy: { allowedDevices: ["/dev/sda"] },
  },
  {
    name: "GPUs",
    spec: { gpus: { count: "all" } },
    rule: "gpus",
    field: "gpus",
    allowedBy: { allowGpus: true },
  },
  {
    name: "a sysctl",
    spec: { sysctls: { "net.ipv4.ip_forward": "1" } },
    rule: "sysctls",
    field: "sysctls",
    allowedBy: { allowedSysctls: ["net.ipv4.*"] },
  },
  {
    name: "seccomp=unconfined",
    spec: { securityOpt: ["seccomp=unconfined"] },
    rule: "securityOptions",
    field: "securityOpt",
    allowedBy: { allowSecurityOptions: true },
  },
  {
    name: "apparmor=unconfined",
    spec: { securityOpt: ["apparmor=unconfined"] },
    rule: "securityOptions",
    field: "securityOpt",
    allowedBy: { allowSecurityOptions: true },
  },
  {
    name: "label=disable",
    spec: { securityOpt: ["label=disable"] },
    rule: "securityOptions",
    field: "securityOpt",
    allowedBy: { allowSecurityOptions: true },
  },
  {
    name: "a cgroup parent",
    spec: { cgroupParent: "/outside" },
    rule: "cgroupParent",
    field: "cgroupParent",
    allowedBy: { allowCgroupParent: true },
  },
  {
    name: "a syslog log driver",
    spec: { logDriver: "syslog" },
    rule: "logDriver",
    field: "logDriver",
    allowedBy: { allowedLogDrivers: ["syslog"] },
  },
  {
    name: "a bind of /",
    spec: { binds: [{ source: "/", target: "/host" }] },
    rule: "hostPath",
    field: "binds.0.source",
    allowedBy: { allowedBindPaths: ["/"] },
  },
  {
    name: "a bind of /etc",
    spec: { binds: [{ source: "/etc", target: "/e" }] },
    rule: "hostPath",
    field: "binds.0.source",
    allowedBy: { allowedBindPaths: ["/etc"] },
  },
];

describe("the host security policy", () => {
  it("lets an ordinary container through for every role", () => {
    const ordinary = {
      ports: [{ containerPort: 80, hostPort: 8080 }],
      volumes: [{ name: "data", target: "/data" }],
      tmpfs: [{ target: "/tmp" }],
      networks: [{ name: "bridge" }],
      networkMode: undefined,
      ipcMode: "private",
      cgroupnsMode: "private",
      capDrop: ["ALL"],
      noNewPrivileges: true,
      logDriver: "json-file",
      memoryBytes: 64 * 1024 * 1024,
    };
    for (const role of HOST_ROLES) expect(check(ordinary, {}, role)).toEqual([]);
  });

  for (const escape of ESCAPES) {
    it(`refuses ${escape.name} below host admin, allows it when the policy does and for host admins`, () => {
      for (const role of BELOW_ADMIN) {
        const refused = check(escape.spec, {}, role);
        expect(refused.map((v) => [v.rule, v.field])).toEqual([[escape.rule, escape.field]]);
        expect(refused[0]!.message).toMatch(/refused/);
        expect(refused[0]!.message).toMatch(
          /host admin can allow it in the host's security policy/,
        );
        expect(check(escape.spec, escape.allowedBy, role)).toEqual([]);
      }
      expect(check(escape.spec, {}, "HOST_ADMIN")).toEqual([]);
    });
  }

  it("reports every violation at once, each next to its field", () => {
    const refused = check({
      privileged: true,
      capAdd: ["NET_ADMIN", "SYS_ADMIN"],
      pidMode: "host",
      binds: [
        { source: "/srv/app", target: "/app" },
        { source: "/etc", target: "/etc2" },
      ],
    });
    expect(refused.map((v) => v.field)).toEqual([
      "privileged",
      "capAdd",
      "pidMode",
      "binds.0.source",
      "binds.1.source",
    ]);
    expect(refused[1]!.message).toContain("NET_ADMIN, SYS_ADMIN");
    expect(ruleNames(refused)).toEqual(["privileged", "capabilities", "hostNamespace", "hostPath"]);
  });

  it("allows only the capabilities on the allowlist", () => {
    const p = { allowedCapabilities: ["NET_BIND_SERVICE"] };
    expect(check({ capAdd: ["NET_BIND_SERVICE"] }, p)).toEqual([]);
    const refused = check({ capAdd: ["NET_BIND_SERVICE", "NET_ADMIN"] }, p);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.message).toContain("NET_ADMIN");
    expect(refused[0]!.message).not.toContain("NET_BIND_SERVICE is");
    expect(refused[0]!.message).toContain("only NET_BIND_SERVICE");
    // ALL asked for is not on a list that names single capabilities
    expect(check({ capAdd: ["ALL"] }, p)).toHaveLength(1);
  });

  it("cannot be asked for host networking through a network named host", () => {
    // the run spec refuses it before any policy is read: host is a network mode
    expect(() => spec({ networks: [{ name: "bridge" }, { name: "host" }] })).toThrow(
      "host and none are network modes (networkMode), not networks to join.",
    );
  });

  it("always allows no-new-privileges, which only restricts", () => {
    // a run spec has its own field for it; an existing container's inspect lists it as an option
    expect(check({ noNewPrivileges: true })).toEqual([]);
    const inspected = (securityOpt: string[]) =>
      evaluatePolicy({ ...spec(), securityOpt }, policy(), "DEPLOYER", NO_FACTS);
    for (const opt of ["no-new-privileges", "no-new-privileges:true", "no-new-privileges=true"]) {
      expect(inspected([opt])).toEqual([]);
    }
    expect(inspected(["no-new-privileges", "seccomp=unconfined"])[0]!.message).toContain(
      "seccomp=unconfined",
    );
  });

  it("never refuses the engine's own namespaces or local log drivers", () => {
    for (const extra of [
      { networkMode: "none" },
      { ipcMode: "shareable" },
      { ipcMode: "none" },
      { cgroupnsMode: "private" },
      { logDriver: "local" },
      { logDriver: "none" },
    ]) {
      expect(check(extra)).toEqual([]);
    }
  });

  it("matches sysctls by name or by a prefix ending in .*", () => {
    expect(sysctlMatches("net.ipv4.*", "net.ipv4.ip_forward")).toBe(true);
    expect(sysctlMatches("net.ipv4.*", "net.ipv6.conf.all.forwarding")).toBe(false);
    expect(sysctlMatches("net.ipv4.*", "net.ipv4")).toBe(false);
    expect(sysctlMatches("kernel.msgmax", "kernel.msgmax")).toBe(true);
    expect(sysctlMatches("kernel.msgmax", "kernel.msgmnb")).toBe(false);
    const p = { allowedSysctls: ["net.ipv4.ping_group_range"] };
    expect(check({ sysctls: { "net.ipv4.ping_group_range": "0 0" } }, p)).toEqual([]);
    expect(check({ sysctls: { "net.ipv4.ip_forward": "1" } }, p)).toHaveLength(1);
  });

  it("refuses log options that could redirect the engine's default driver", () => {
    expect(check({ logOptions: { "max-size": "10m", "max-file": "3" } })).toEqual([]);
    expect(check({ logDriver: "local", logOptions: { "max-size": "10m" } })).toEqual([]);
    const refused = check({ logOptions: { "syslog-address": "tcp://127.0.0.1:5432" } });
    expect(refused.map((v) => [v.rule, v.field])).toEqual([["logDriver", "logOptions"]]);
    expect(refused[0]!.message).toContain("syslog-address");
    const allowed = { allowedLogDrivers: ["syslog"] };
    expect(
      check(
        { logDriver: "syslog", logOptions: { "syslog-address": "udp://10.0.0.9:514" } },
        allowed,
      ),
    ).toEqual([]);
    expect(check({ logOptions: { "syslog-address": "x" } }, {}, "HOST_ADMIN")).toEqual([]);
  });

  it("allows devices under the listed paths only", () => {
    const p = { allowedDevices: ["/dev/dri"] };
    expect(check({ devices: [{ hostPath: "/dev/dri/renderD128" }] }, p)).toEqual([]);
    expect(check({ devices: [{ hostPath: "/dev/drives" }] }, p)).toHaveLength(1);
  });
});

describe("bind mounts and host paths", () => {
  it("compares paths by segment", () => {
    expect(isPathWithin("/srv/data/x", "/srv/data")).toBe(true);
    expect(isPathWithin("/srv/data", "/srv/data")).toBe(true);
    expect(isPathWithin("/srv/data/", "/srv/data")).toBe(true);
    expect(isPathWithin("/srv/data", "/srv/data/")).toBe(true);
    expect(isPathWithin("/srv//data/./x", "/srv/data")).toBe(true);
    expect(isPathWithin("/srv/database", "/srv/data")).toBe(false);
    expect(isPathWithin("/srv", "/srv/data")).toBe(false);
    expect(isPathWithin("/anything", "/")).toBe(true);
    expect(pathsOverlap("/var", "/var/lib/docker")).toBe(true);
    expect(pathsOverlap("/var/lib/dockerd", "/var/lib/docker")).toBe(false);
  });

  it("allows binds under an allowed directory and nothing next to it", () => {
    const p = { allowedBindPaths: ["/srv/data"] };
    expect(check({ binds: [{ source: "/srv/data", target: "/d" }] }, p)).toEqual([]);
    expect(check({ binds: [{ source: "/srv/data/app/x", target: "/d" }] }, p)).toEqual([]);
    for (const source of ["/srv/database", "/srv", "/", "/srv/dat"]) {
      const refused = check({ binds: [{ source, target: "/d" }] }, p);
      expect(
        refused.map((v) => v.rule),
        source,
      ).toEqual(["hostPath"]);
      expect(refused[0]!.message).toContain("binds must be under /srv/data");
    }
  });

  it("names the path as written and as the host resolved it", () => {
    const refused = evaluatePolicy(
      { ...spec(), binds: [{ source: "/etc", requested: "/srv/data/link" }] },
      policy({ allowedBindPaths: ["/srv/data"] }),
      "DEPLOYER",
      NO_FACTS,
    );
    expect(refused[0]!.message).toContain("/srv/data/link (/etc on the host)");
    // outside the allowed directories the host's symlinks are not described to a deployer
    const elsewhere = evaluatePolicy(
      { ...spec(), binds: [{ source: "/etc/ssl/private", requested: "/usr/lib/ssl/private" }] },
      policy({ allowedBindPaths: ["/srv/data"] }),
      "DEPLOYER",
      NO_FACTS,
    );
    expect(elsewhere[0]!.message).toContain("Binding /usr/lib/ssl/private from the host");
    expect(elsewhere[0]!.message).not.toContain("/etc/ssl");
  });

  it("counts a named volume that binds a host directory as a bind of it", () => {
    const facts: HostFacts = { protectedPaths: [], volumeBinds: { rootfs: "/" } };
    const volumes = [
      { name: "rootfs", target: "/h" },
      { name: "plain", target: "/p" },
    ];
    const refused = check({ volumes }, {}, "DEPLOYER", facts);
    expect(refused.map((v) => [v.rule, v.field])).toEqual([["hostPath", "volumes.0.name"]]);
    expect(refused[0]!.message).toContain("a bind of / on the host");
    expect(check({ volumes }, { allowedBindPaths: ["/"] }, "DEPLOYER", facts)).toEqual([]);
    expect(check({ volumes }, {}, "HOST_ADMIN", facts)).toEqual([]);
  });

  it("refuses the agent's protected paths for every role, host admins included", () => {
    const everything = { allowedBindPaths: ["/"] };
    for (const source of [
      "/var/lib/berth-agent",
      "/var/lib/berth-agent/state.json",
      "/opt/berth-agent",
      "/run/docker.sock",
      "/var/lib/docker/volumes",
      // a directory that holds a protected path reaches it too
      "/var",
      "/",
    ]) {
      for (const role of HOST_ROLES) {
        const refused = check({ binds: [{ source, target: "/x" }] }, everything, role, AGENT_FACTS);
        expect(
          refused.map((v) => v.rule),
          `${role} ${source}`,
        ).toEqual(["protectedPath"]);
        expect(refused[0]!.message).toMatch(/refused whatever the role/);
        expect(refused[0]!.message).toContain("Allow binding protected paths");
      }
    }
    const message = check(
      { binds: [{ source: "/var", target: "/x" }] },
      everything,
      "HOST_ADMIN",
      AGENT_FACTS,
    )[0]!.message;
    expect(message).toContain("it holds the Berth agent's state directory (/var/lib/berth-agent)");
    for (const source of ["/var/lib/dockerd", "/srv", "/run/docker.sock.d"]) {
      expect(
        check({ binds: [{ source, target: "/x" }] }, everything, "HOST_ADMIN", AGENT_FACTS),
      ).toEqual([]);
    }
  });

  it("lets the protected paths through only with their own flag", () => {
    const bind = { binds: [{ source: "/run/docker.sock", target: "/var/run/docker.sock" }] };
    expect(check(bind, { allowProtectedPaths: true }, "HOST_ADMIN", AGENT_FACTS)).toEqual([]);
    // below host admin the bind must also be under an allowed path
    expect(
      check(bind, { allowProtectedPaths: true }, "DEPLOYER", AGENT_FACTS).map((v) => v.rule),
    ).toEqual(["hostPath"]);
    expect(
      check(
        bind,
        { allowProtectedPaths: true, allowedBindPaths: ["/run"] },
        "DEPLOYER",
        AGENT_FACTS,
      ),
    ).toEqual([]);
    const volume = { volumes: [{ name: "engine", target: "/e" }] };
    const facts = { ...AGENT_FACTS, volumeBinds: { engine: "/var/lib/docker" } };
    expect(check(volume, {}, "HOST_ADMIN", facts).map((v) => [v.rule, v.field])).toEqual([
      ["protectedPath", "volumes.0.name"],
    ]);
  });
});

describe("several policies on one host", () => {
  it("uses the strict default when there is none", () => {
    expect(effectivePolicy([])).toEqual(STRICT_POLICY);
    expect(STRICT_POLICY).toEqual({
      allowPrivileged: false,
      allowedCapabilities: [],
      hostNamespaces: [],
      allowContainerNamespaces: false,
      allowedDevices: [],
      allowGpus: false,
      allowedSysctls: [],
      allowSecurityOptions: false,
      allowCgroupParent: false,
      allowedLogDrivers: [],
      allowedBindPaths: [],
      allowLanNetworks: false,
      allowProtectedPaths: false,
    });
  });

  it("allows only what every policy allows", () => {
    const host = policy({
      allowPrivileged: true,
      allowedCapabilities: ["NET_ADMIN", "SYS_TIME"],
      hostNamespaces: ["network", "pid"],
      allowedBindPaths: ["/srv", "/data/shared"],
      allowedDevices: ["/dev/dri"],
      allowedSysctls: ["net.*", "kernel.msgmax"],
      allowedLogDrivers: ["syslog", "gelf"],
      allowGpus: true,
    });
    const group = policy({
      allowedCapabilities: ["ALL"],
      hostNamespaces: ["network"],
      allowedBindPaths: ["/srv/app", "/data"],
      allowedDevices: ["/dev/dri/card0"],
      allowedSysctls: ["net.ipv4.*"],
      allowedLogDrivers: ["gelf"],
      allowGpus: true,
    });
    const both = effectivePolicy([host, group]);
    expect(both).toMatchObject({
      allowPrivileged: false,
      allowedCapabilities: ["NET_ADMIN", "SYS_TIME"],
      hostNamespaces: ["network"],
      allowedBindPaths: ["/data/shared", "/srv/app"],
      allowedDevices: ["/dev/dri/card0"],
      allowedSysctls: ["net.ipv4.*"],
      allowedLogDrivers: ["gelf"],
      allowGpus: true,
    });
    // the combined policy refuses exactly what one of the two refuses
    const cases: Array<Record<string, unknown>> = [
      { privileged: true },
      { capAdd: ["SYS_TIME"] },
      { pidMode: "host" },
      { networkMode: "host" },
      { binds: [{ source: "/srv/app/x", target: "/x" }] },
      { binds: [{ source: "/srv/other", target: "/x" }] },
      { binds: [{ source: "/data/shared/y", target: "/x" }] },
      { binds: [{ source: "/data/private", target: "/x" }] },
      { sysctls: { "net.ipv4.ip_forward": "1" } },
      { sysctls: { "net.core.somaxconn": "1024" } },
      { sysctls: { "kernel.msgmax": "1" } },
      { devices: [{ hostPath: "/dev/dri/card0" }] },
      { devices: [{ hostPath: "/dev/dri/renderD128" }] },
      { logDriver: "syslog" },
    ];
    for (const c of cases) {
      const separately =
        check(c, host).length > 0 ||
        evaluatePolicy(spec(c), group, "DEPLOYER", NO_FACTS).length > 0;
      expect(
        evaluatePolicy(spec(c), both, "DEPLOYER", NO_FACTS).length > 0,
        JSON.stringify(c),
      ).toBe(separately);
    }
  });

  it("intersects allowed directories by segment", () => {
    expect(intersectPathLists(["/srv"], ["/srv/data", "/opt"])).toEqual(["/srv/data"]);
    expect(intersectPathLists(["/srv/data"], ["/srv/database"])).toEqual([]);
    expect(intersectPathLists(["/"], ["/a", "/b/c"])).toEqual(["/a", "/b/c"]);
    expect(intersectPathLists(["/a", "/a/b"], ["/a/b/c", "/a"])).toEqual(["/a"]);
  });
});

describe("an existing container read for the policy", () => {
  const inspect = (hostConfig: Record<string, unknown>, mounts: unknown[] = []) => ({
    Config: { User: "" },
    HostConfig: {
      NetworkMode: "default",
      IpcMode: "private",
      CgroupnsMode: "host",
      PidMode: "",
      UTSMode: "",
      UsernsMode: "",
      Privileged: false,
      CapAdd: null,
      SecurityOpt: null,
      Devices: [],
      CgroupParent: "",
      LogConfig: { Type: "journald" },
      ...hostConfig,
    },
    Mounts: mounts,
  });

  it("finds nothing in an ordinary container (the engine's own cgroupns and log driver included)", () => {
    const subject = subjectFromInspect(
      inspect({}, [{ Type: "volume", Name: "data", Destination: "/d" }]),
    );
    expect(evaluatePolicy(subject, STRICT_POLICY, "OPERATOR", NO_FACTS)).toEqual([]);
    expect(subject.volumes).toEqual([{ name: "data" }]);
  });

  it("does not count the label=disable the engine adds for host PID, host IPC or privileged", () => {
    for (const hostConfig of [{ PidMode: "host" }, { IpcMode: "host" }, { Privileged: true }]) {
      const subject = subjectFromInspect(
        inspect({ ...hostConfig, SecurityOpt: ["label=disable"] }),
      );
      expect(subject.securityOpt).toEqual([]);
    }
    expect(subjectFromInspect(inspect({ SecurityOpt: ["label=disable"] })).securityOpt).toEqual([
      "label=disable",
    ]);
  });

  it("finds every power a container holds", () => {
    const subject = subjectFromInspect(
      inspect(
        {
          Privileged: true,
          CapAdd: ["CAP_SYS_ADMIN"],
          NetworkMode: "host",
          PidMode: "host",
          IpcMode: "container:db",
          UTSMode: "host",
          UsernsMode: "host",
          Devices: [{ PathOnHost: "/dev/kmsg", PathInContainer: "/dev/kmsg" }],
          DeviceRequests: [{ Count: -1, Capabilities: [["gpu"]] }],
          Sysctls: { "net.ipv4.ip_forward": "1" },
          SecurityOpt: ["no-new-privileges", "seccomp=unconfined"],
          CgroupParent: "/elsewhere",
          Binds: ["/etc:/host-etc:ro", "named:/n"],
        },
        [{ Type: "bind", Source: "/", Destination: "/host" }],
      ),
    );
    expect(ruleNames(evaluatePolicy(subject, STRICT_POLICY, "OPERATOR", NO_FACTS))).toEqual([
      "privileged",
      "capabilities",
      "hostNamespace",
      "containerNamespace",
      "devices",
      "gpus",
      "sysctls",
      "securityOptions",
      "cgroupParent",
      "hostPath",
    ]);
    expect(subject.binds.map((b) => b.source).sort()).toEqual(["/", "/etc"]);
    expect(subject.volumes).toEqual([{ name: "named" }]);
    expect(subject.capAdd).toEqual(["SYS_ADMIN"]);
    expect(evaluatePolicy(subject, STRICT_POLICY, "HOST_ADMIN", NO_FACTS)).toEqual([]);
  });
});
