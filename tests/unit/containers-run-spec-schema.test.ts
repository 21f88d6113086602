import { describe, expect, it } from "vitest";
import { RunSpecSchema, type RunSpecInput } from "@/lib/protocol";

/** The schema's complaints as "path: message". */
function problems(spec: RunSpecInput): string[] {
  const result = RunSpecSchema.safeParse(spec);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("RunSpecSchema", () => {
  it("fills the defaults a plain docker run has", () => {
    expect(RunSpecSchema.parse({ image: "nginx" })).toMatchObject({
      pullPolicy: "missing",
      repullOnRecreate: false,
      interactive: false,
      tty: false,
      securityOpt: [],
      devices: [],
      sysctls: {},
      ulimits: [],
      expose: [],
    });
  });

  it("says host and none in one place: the network mode", () => {
    expect(problems({ image: "x", networks: [{ name: "host" }] })).toEqual([
      "networks.0.name: host and none are network modes (networkMode), not networks to join.",
    ]);
    expect(problems({ image: "x", networkMode: "none", networks: [{ name: "app" }] })).toEqual([
      "networkMode: A container on the host's network, no network or another container's network joins no other networks.",
    ]);
    expect(problems({ image: "x", networkMode: "container:db", networks: [] })).toEqual([]);
  });

  it("refuses what the engine refuses next to another container's network", () => {
    expect(
      problems({
        image: "x",
        networkMode: "container:db",
        hostname: "h",
        domainname: "d",
        dns: ["10.0.0.2"],
        extraHosts: [{ host: "a", ip: "10.0.0.3" }],
        ports: [{ containerPort: 80 }],
        expose: [{ port: 81 }],
        macAddress: "02:00:00:00:00:01",
      }).map((p) => p.split(":")[0]),
    ).toEqual(["hostname", "domainname", "dns", "extraHosts", "ports", "expose", "macAddress"]);
    expect(problems({ image: "x", networkMode: "host", macAddress: "02:00:00:00:00:01" })).toEqual([
      "macAddress: A MAC address needs a network of the container's own.",
    ]);
    expect(problems({ image: "x", utsMode: "host", hostname: "h" })).toEqual([
      "hostname: With the host's UTS namespace the container has the host's name.",
    ]);
  });

  it("keeps names that go into Engine API paths to what those paths can carry", () => {
    for (const image of ["a/../../containers/x/kill", "a//b", "./a", "x?y", "a b"])
      expect(RunSpecSchema.safeParse({ image }).success, image).toBe(false);
    for (const image of [
      "nginx",
      "registry.example.com:5000/team/app:1.2",
      "sha256:abc",
      "a@sha256:0f",
    ])
      expect(RunSpecSchema.safeParse({ image }).success, image).toBe(true);
    for (const name of ["prune?", "../containers/x/pause?", "a/b", "a b"])
      expect(RunSpecSchema.safeParse({ image: "x", networks: [{ name }] }).success, name).toBe(
        false,
      );
  });

  it("takes security options as key=value, with no-new-privileges on its own field", () => {
    expect(
      problems({
        image: "x",
        securityOpt: ["seccomp=unconfined", "label:disable", "apparmor", "no-new-privileges:true"],
      }),
    ).toEqual([
      "securityOpt.2: Write a security option as key=value, e.g. seccomp=unconfined.",
      "securityOpt.3: no-new-privileges has its own setting (noNewPrivileges).",
    ]);
  });

  it("re-pulls on recreate only with a policy that pulls", () => {
    expect(problems({ image: "x", pullPolicy: "never", repullOnRecreate: true })).toEqual([
      "repullOnRecreate: Re-pulling on recreate needs a pull policy other than never.",
    ]);
  });
});
