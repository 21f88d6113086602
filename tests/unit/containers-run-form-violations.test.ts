import { describe, expect, it } from "vitest";
import { HostSecurityPolicySchema, RunSpecSchema } from "@/lib/protocol";
import { evaluatePolicy } from "@/lib/policy/evaluate-policy";
import { emptyForm, specFromForm } from "@/components/containers/run-form/run-form-model";
import {
  fieldLabel,
  formFieldOf,
  violationErrors,
} from "@/components/containers/run-form/server-error-field";

describe("policy violations on the run form", () => {
  it("maps a RunSpec path to the input it is about", () => {
    expect(formFieldOf("capAdd")).toBe("capAdd");
    expect(formFieldOf("pidMode")).toBe("pidMode");
    expect(formFieldOf("networkMode")).toBe("networkMode");
    expect(formFieldOf("networks.0.name")).toBe("networks-0-name");
    expect(formFieldOf("volumes.1.name")).toBe("volumes-1-name");
    expect(formFieldOf("devices")).toBe("devices");
    expect(formFieldOf("gpus")).toBe("gpus");
    expect(formFieldOf("sysctls")).toBe("sysctls");
    expect(formFieldOf("securityOpt")).toBe("securityOpt");
    expect(formFieldOf("securityOpt.1")).toBe("securityOpt-1");
    expect(formFieldOf("logOptions")).toBe("logOptions");
    expect(formFieldOf("cgroupParent")).toBe("cgroupParent");
    // a list typed into one input, a map's entry, a row without an input of that name
    expect(formFieldOf("dns.1")).toBe("dns");
    expect(formFieldOf("gpus.deviceIds.0")).toBe("gpus-deviceIds");
    expect(formFieldOf("labels.team")).toBe("labels");
    expect(formFieldOf("ports.0")).toBe("ports");
    expect(formFieldOf("spec")).toBeNull();
  });

  it("places a spec item on its form row when blank rows were not sent", () => {
    const form = emptyForm();
    form.image = "alpine";
    form.binds = [
      { key: "a", source: "", target: "", readOnly: false },
      { key: "b", source: "/srv/ok", target: "/ok", readOnly: false },
      { key: "c", source: "", target: "", readOnly: false },
      { key: "d", source: "/etc", target: "/e", readOnly: true },
    ];
    const { spec, rows } = specFromForm(form);
    expect(spec?.binds?.map((b) => b.source)).toEqual(["/srv/ok", "/etc"]);
    expect(formFieldOf("binds.1.source", rows)).toBe("binds-3-source");
    expect(formFieldOf("binds.0.source", rows)).toBe("binds-1-source");
    expect(fieldLabel("binds-3-source")).toBe("Bind mounts, row 4");
    expect(fieldLabel("pidMode")).toBe("PID namespace");
  });

  it("puts every refusal of the strict default policy next to an input, with its rule", () => {
    const form = emptyForm();
    form.image = "alpine";
    form.capAdd = "SYS_ADMIN";
    form.privileged = true;
    form.pidMode = "host";
    form.ipcMode = "container:web";
    form.utsMode = "host";
    form.cgroupnsMode = "host";
    form.binds = [
      { key: "a", source: "", target: "", readOnly: false },
      { key: "b", source: "/etc", target: "/host-etc", readOnly: false },
    ];
    form.devices = [{ key: "d", hostPath: "/dev/null", containerPath: "", permissions: "rwm" }];
    form.gpuMode = "all";
    form.sysctls = [{ key: "s", name: "net.core.somaxconn", value: "1024" }];
    form.securityOpt = [{ key: "o", value: "seccomp=unconfined" }];
    form.cgroupParent = "/elsewhere";
    form.logDriver = "syslog";
    const { spec, rows, errors } = specFromForm(form);
    expect(errors).toEqual({});
    const violations = evaluatePolicy(
      RunSpecSchema.parse(spec),
      HostSecurityPolicySchema.parse({}),
      "DEPLOYER",
      { protectedPaths: [], volumeBinds: {} },
    );
    const { errors: shown, placed } = violationErrors(violations, rows);
    expect(placed.map((v) => [v.rule, v.inputId])).toEqual([
      ["privileged", "privileged"],
      ["capabilities", "capAdd"],
      ["hostNamespace", "pidMode"],
      ["hostNamespace", "utsMode"],
      ["hostNamespace", "cgroupnsMode"],
      ["containerNamespace", "ipcMode"],
      ["devices", "devices"],
      ["gpus", "gpus"],
      ["sysctls", "sysctls"],
      ["securityOptions", "securityOpt"],
      ["cgroupParent", "cgroupParent"],
      ["logDriver", "logDriver"],
      ["hostPath", "binds-1-source"],
    ]);
    expect(shown.capAdd).toMatch(/^capabilities — Adding the capability SYS_ADMIN is refused/);
    expect(shown["binds-1-source"]).toMatch(/^hostPath — Binding \/etc from the host/);
  });

  it("joins refusals of one input and leaves one without an input to the summary", () => {
    const { errors, placed } = violationErrors([
      { rule: "hostPath", field: "binds.0.source", message: "Not under an allowed path." },
      { rule: "protectedPath", field: "binds.0.source", message: "Holds the agent's state." },
      { rule: "someRule", field: "spec", message: "Refused as a whole." },
    ]);
    expect(errors).toEqual({
      "binds-0-source":
        "hostPath — Not under an allowed path. protectedPath — Holds the agent's state.",
    });
    expect(placed.map((v) => v.inputId)).toEqual(["binds-0-source", "binds-0-source", null]);
  });
});
