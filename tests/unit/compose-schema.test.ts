import { describe, expect, it } from "vitest";
import { loadProject } from "../../agent/src/compose/load-project";

const load = (text: string, environment: Record<string, string> = {}) =>
  loadProject({ files: [{ file: "compose.yaml", text }], environment });

describe("compose schema validation", () => {
  it("names a misspelt key of a service at the key", () => {
    const result = load("services:\n  web:\n    imgae: nginx\n");
    expect(!result.ok && result.errors).toEqual([
      {
        file: "compose.yaml",
        line: 3,
        column: 5,
        message: "unknown key 'imgae' in service web",
      },
    ]);
  });

  it("says a valid key that Berth does not carry out is not supported, rather than unknown", () => {
    const result = load(
      "services:\n  web:\n    image: nginx\n    build:\n      context: .\n      ssh: [default]\n",
    );
    expect(!result.ok && result.errors).toEqual([
      {
        file: "compose.yaml",
        line: 6,
        column: 7,
        message: "'ssh' in services.web.build is not supported",
      },
    ]);
  });

  it("says which types a wrongly typed value may have, at the value", () => {
    const result = load("services:\n  web:\n    image: nginx\n    ports:\n      - [80]\n");
    expect(!result.ok && result.errors).toEqual([
      {
        file: "compose.yaml",
        line: 5,
        column: 9,
        message: "services.web.ports[0]: must be a number, string or mapping",
      },
    ]);
    const flag = load("services:\n  web:\n    image: nginx\n    privileged: maybe\n");
    expect(!flag.ok && flag.errors[0]?.message).toBe("services.web.privileged: must be a boolean");
  });

  it("names the allowed values of an enumeration", () => {
    const result = load("services:\n  web:\n    image: nginx\n    pull_policy: sometimes\n");
    expect(!result.ok && result.errors[0]).toMatchObject({
      line: 4,
      column: 18,
      message: expect.stringContaining("must be one of always, never"),
    });
  });

  it("accepts keys the specification gained after the packaged schema", () => {
    const text = `name: modern
services:
  web:
    image: nginx
    pull_policy: missing
    env_file:
      - path: ./optional.env
        required: false
    ports:
      - target: 80
        published: "8080"
        name: http
    healthcheck:
      test: ["CMD", "true"]
      start_interval: 2s
    gpus: all
    depends_on:
      db: { condition: service_healthy, required: false, restart: true }
  db:
    image: postgres
    build:
      dockerfile_inline: "FROM postgres"
configs:
  settings:
    content: "a=1"
secrets:
  token:
    environment: TOKEN
`;
    const result = load(text, { TOKEN: "t" });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.project.name).toBe("modern");
  });

  it("casts interpolated numbers and booleans before validating", () => {
    const text = `services:
  web:
    image: nginx
    privileged: \${PRIV}
    read_only: "\${RO:-yes}"
    ports:
      - target: \${PORT}
    deploy:
      replicas: \${N}
`;
    const result = load(text, { PRIV: "false", PORT: "80", N: "2" });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const web = result.project.services.web;
    expect(web?.privileged).toBe(false);
    expect(web?.read_only).toBe(true);
    expect(web?.ports).toEqual([{ target: 80, protocol: "tcp" }]);
    expect(web?.deploy).toEqual({ replicas: 2 });
  });

  it("refuses include rather than ignoring the files it names", () => {
    const result = load("include:\n  - other.yaml\nservices:\n  web:\n    image: x\n");
    expect(!result.ok && result.errors[0]).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringContaining("include is not supported"),
    });
  });
});
