import { describe, expect, it } from "vitest";
import { findingsOf } from "@/lib/containers/security-findings";
import { securitySummary } from "@/lib/containers/security-summary";
import { evaluatePolicy } from "@/lib/policy/evaluate-policy";
import { STRICT_POLICY } from "@/lib/policy/effective-policy";
import { subjectFromInspect } from "@/lib/policy/subject-from-inspect";
import { securityDigest } from "../../agent/src/engine/security-digest";

/** A full inspect as the engine returns it, with much the checks never read. */
function inspect(hostConfig: Record<string, unknown>, config: Record<string, unknown> = {}) {
  return {
    Id: "0123456789ab",
    Name: "/app",
    State: { Status: "running", Running: true, Pid: 4242 },
    Config: { User: "", Env: ["SECRET=hunter2"], Image: "app:1", Labels: {}, ...config },
    NetworkSettings: { Networks: { bridge: { IPAddress: "172.17.0.2" } }, Ports: {} },
    HostConfig: {
      Privileged: false,
      CapAdd: null,
      CapDrop: null,
      ReadonlyRootfs: false,
      SecurityOpt: null,
      Memory: 0,
      NanoCpus: 0,
      CpuQuota: 0,
      CpuPeriod: 0,
      CpusetCpus: "",
      PidsLimit: null,
      NetworkMode: "default",
      PidMode: "",
      IpcMode: "private",
      UTSMode: "",
      UsernsMode: "",
      CgroupnsMode: "host",
      PortBindings: {},
      PublishAllPorts: false,
      Binds: null,
      Devices: [],
      LogConfig: { Type: "json-file", Config: {} },
      ...hostConfig,
    },
    Mounts: [] as unknown[],
  };
}

const RISKY = {
  ...inspect({
    CapAdd: ["SYS_ADMIN"],
    PidMode: "host",
    Binds: ["/etc:/host-etc"],
    Devices: [{ PathOnHost: "/dev/kmsg", PathInContainer: "/dev/kmsg", CgroupPermissions: "rwm" }],
    SecurityOpt: ["seccomp=unconfined"],
  }),
  Mounts: [
    {
      Type: "bind",
      Source: "/etc",
      Destination: "/host-etc",
      RW: true,
      Mode: "",
      Propagation: "rprivate",
    },
  ],
};

describe("fleet security findings", () => {
  it("folds the checklist into columns with a risk score", () => {
    const { findings, risk } = findingsOf(RISKY);
    expect(Object.keys(findings).sort()).toEqual(
      [
        "capabilities",
        "confinement",
        "limits",
        "mounts",
        "namespaces",
        "root",
        "writableRoot",
      ].sort(),
    );
    expect(findings.capabilities?.level).toBe("danger");
    expect(findings.namespaces?.level).toBe("danger");
    expect(findings.mounts).toMatchObject({ level: "danger" });
    expect(findings.mounts?.details).toHaveLength(2); // /etc read-write, and /dev/kmsg
    expect(findings.limits?.details).toHaveLength(3);
    expect(risk).toBe(10 + 10 + 10 + 3 + 3 + 3 * 3 + 3 + 3);
  });

  it("finds nothing in a locked-down container", () => {
    const locked = inspect(
      { ReadonlyRootfs: true, Memory: 64 << 20, NanoCpus: 5e8, PidsLimit: 100, CapDrop: ["ALL"] },
      { User: "1000" },
    );
    expect(findingsOf(locked)).toEqual({ findings: {}, risk: 0 });
  });

  it("reads the same from the agent's digest as from the full inspect, and no more", () => {
    for (const full of [RISKY, inspect({ Privileged: true, NetworkMode: "host" })]) {
      const digest = securityDigest(full);
      expect(findingsOf(digest)).toEqual(findingsOf(full));
      expect(securitySummary(digest)).toEqual(securitySummary(full));
      expect(
        evaluatePolicy(subjectFromInspect(digest), STRICT_POLICY, "OPERATOR", {
          protectedPaths: [],
          volumeBinds: {},
        }),
      ).toEqual(
        evaluatePolicy(subjectFromInspect(full), STRICT_POLICY, "OPERATOR", {
          protectedPaths: [],
          volumeBinds: {},
        }),
      );
      // environment values and state stay on the host
      expect(JSON.stringify(digest)).not.toContain("hunter2");
      expect(Object.keys(digest)).toEqual(["Config", "HostConfig", "Mounts"]);
    }
  });
});
