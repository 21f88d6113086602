import { describe, expect, it } from "vitest";
import { RunSpecSchema, type RunSpecInput } from "@/lib/protocol";
import {
  emptyForm,
  formFromSpec,
  mergeEnv,
  parseDotEnv,
  specFromForm,
} from "@/components/containers/run-form/run-form-model";

describe("run form model", () => {
  it("round-trips a spec through the form", () => {
    const spec = {
      image: "nginx:alpine",
      name: "web",
      command: ["nginx", "-g", "daemon off;"],
      env: [{ key: "MODE", value: "prod" }],
      ports: [{ hostPort: 8080, containerPort: 80, protocol: "tcp" as const }],
      memoryBytes: 512 * 1024 * 1024,
      restartPolicy: { name: "on-failure" as const, maxRetries: 3 },
      healthcheck: { test: ["CMD-SHELL", "curl -f localhost || exit 1"], intervalSeconds: 30 },
      labels: { app: "web" },
    };
    const { spec: back, errors } = specFromForm(formFromSpec(spec));
    expect(errors).toEqual({});
    expect(back).toMatchObject(spec);
  });

  it("round-trips every docker run option through the form", () => {
    const spec: RunSpecInput = {
      image: "app:1",
      networks: [
        { name: "front", aliases: ["web"], ipv4Address: "172.20.0.5", ipv6Address: "fd00::5" },
        { name: "back", aliases: [] },
      ],
      macAddress: "02:42:ac:14:00:05",
      dns: ["10.0.0.2", "fd00::53"],
      dnsSearch: ["corp.example"],
      dnsOptions: ["ndots:2"],
      extraHosts: [{ host: "db", ip: "10.0.0.3" }],
      expose: [
        { port: 9100, protocol: "tcp" },
        { port: 53, protocol: "udp" },
      ],
      domainname: "corp.example",
      pidMode: "container:db",
      ipcMode: "shareable",
      usernsMode: "host",
      cgroupnsMode: "private",
      cpuShares: 512,
      cpusetCpus: "0-1",
      memoryBytes: 256 * 1024 ** 2,
      memoryReservationBytes: 128 * 1024 ** 2,
      memorySwapBytes: -1,
      shmSizeBytes: 128 * 1024 ** 2,
      ulimits: [{ name: "nofile", soft: 1024, hard: 2048 }],
      securityOpt: ["seccomp=unconfined", 'seccomp={"defaultAction": "SCMP_ACT_LOG"}'],
      devices: [
        { hostPath: "/dev/null", permissions: "rwm" },
        { hostPath: "/dev/zero", containerPath: "/dev/z", permissions: "r" },
      ],
      gpus: { count: 2, driver: "nvidia", capabilities: ["compute", "gpu"] },
      sysctls: { "net.core.somaxconn": "1024" },
      cgroupParent: "/berth",
      groupAdd: ["audio", "1001"],
      init: false,
      stopSignal: "SIGQUIT",
      stopTimeoutSeconds: 20,
      logDriver: "json-file",
      logOptions: { "max-size": "10m" },
      interactive: true,
      tty: true,
      platform: "linux/arm64",
      pullPolicy: "always",
      repullOnRecreate: true,
    };
    const { spec: back, errors } = specFromForm(formFromSpec(spec));
    expect(errors).toEqual({});
    expect(RunSpecSchema.parse(back)).toEqual(RunSpecSchema.parse(spec));
    for (const other of [
      { image: "x", networkMode: "host", utsMode: "host" as const, init: true },
      { image: "x", gpus: { count: "all" as const } },
      { image: "x", gpus: { deviceIds: ["0", "1"] } },
    ]) {
      const again = specFromForm(formFromSpec(other));
      expect(again.errors).toEqual({});
      expect(RunSpecSchema.parse(again.spec)).toEqual(RunSpecSchema.parse(other));
    }
  });

  it("explains the new fields' mistakes next to their inputs", () => {
    const form = emptyForm();
    form.image = "alpine";
    form.memorySwap = "lots";
    form.expose = "80, 70000";
    form.cgroupnsMode = "shared";
    form.gpuMode = "devices";
    form.ulimits = [{ key: "u", name: "nofile", soft: "10", hard: "5" }];
    form.sysctls = [
      { key: "a", name: "", value: "" },
      { key: "b", name: "vm swappiness", value: "1" },
    ];
    form.logOptions = [
      { key: "c", name: "max-size", value: "1m" },
      { key: "d", name: "max-size", value: "2m" },
    ];
    form.networks = [
      { key: "n", name: "app", aliases: "", ipv4Address: "10.0.0.300", ipv6Address: "" },
    ];
    form.devices = [{ key: "e", hostPath: "dev/null", containerPath: "", permissions: "" }];
    const { spec, errors } = specFromForm(form);
    expect(spec).toBeNull();
    expect(errors).toMatchObject({
      memorySwapBytes: expect.stringMatching(/-1 for no limit/),
      expose: expect.stringMatching(/^70000:/),
      cgroupnsMode: "Use host or private, or leave it empty.",
      "gpus-deviceIds": "Name the GPUs, e.g. 0, 1.",
      "ulimits-0-soft": "The soft limit cannot be above the hard one.",
      "sysctls-1-name": "Not a sysctl name.",
      "logOptions-1-name": "This log option is set twice.",
      "networks-0-ipv4Address": "Not an IPv4 address.",
      "devices-0-hostPath": "Use an absolute path on the host.",
    });
  });

  it("points errors at the form row they belong to, skipping blank rows", () => {
    const form = emptyForm();
    form.image = "alpine";
    form.memoryBytes = "lots";
    form.binds = [
      { key: "a", source: "", target: "", readOnly: false },
      { key: "b", source: "relative", target: "/x", readOnly: false },
    ];
    form.ports = [{ key: "p", hostIp: "", hostPort: "80a", containerPort: "", protocol: "tcp" }];
    const { spec, errors } = specFromForm(form);
    expect(spec).toBeNull();
    expect(errors.memoryBytes).toMatch(/512m/);
    expect(errors["binds-1-source"]).toMatch(/absolute/);
    expect(errors["ports-0-hostPort"]).toBe("A port must be a whole number.");
    expect(errors["ports-0-containerPort"]).toBe("Give the port inside the container.");
  });

  it("shows a bad item of a list typed into one input under that input", () => {
    const form = emptyForm();
    form.image = "alpine";
    form.dns = "10.0.0.2, resolver.example";
    form.capAdd = "NET_ADMIN, SYS-TIME";
    form.gpuMode = "devices";
    form.gpuDevices = "0";
    form.gpuCapabilities = "compute";
    const { spec, errors } = specFromForm(form);
    expect(spec).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(["capAdd", "dns"]);
  });

  it("needs an image", () => {
    expect(specFromForm(emptyForm()).errors.image).toBe("Name an image.");
  });

  it("reads .env text", () => {
    const { rows, errors } = parseDotEnv(
      ["# comment", "", "A=1", 'B="two words"', "export C=3 # note", "D='x=y'", "broken"].join(
        "\n",
      ),
    );
    expect(rows).toEqual([
      { name: "A", value: "1" },
      { name: "B", value: "two words" },
      { name: "C", value: "3" },
      { name: "D", value: "x=y" },
    ]);
    expect(errors).toHaveLength(1);
    const merged = mergeEnv([{ key: "k", name: "A", value: "0" }], rows);
    expect(merged.map((r) => `${r.name}=${r.value}`)).toEqual([
      "A=1",
      "B=two words",
      "C=3",
      "D=x=y",
    ]);
  });
});
