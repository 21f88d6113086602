import { describe, expect, it } from "vitest";
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
    expect(errors["ports-0-hostPort"]).toBeDefined();
    expect(errors["ports-0-containerPort"]).toBeDefined();
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
