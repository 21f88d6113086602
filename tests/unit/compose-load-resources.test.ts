import { describe, expect, it } from "vitest";
import { loadProject } from "../../agent/src/compose/load-project";

const stackOf = (files: Record<string, string>, projectDir = ".") => ({
  files: new Map(Object.entries(files)),
  projectDir,
});

describe("loading env_file, resources, configs and secrets", () => {
  it("reads env_file from the stack's files, environment winning, optional files skipped", () => {
    const text = `services:
  web:
    image: x
    env_file:
      - common.env
      - path: ./missing.env
        required: false
      - web.env
    environment:
      LEVEL: debug
`;
    const result = loadProject({
      files: [{ file: "deploy/compose.yaml", text }],
      environment: { HOST: "db.local" },
      stack: stackOf(
        {
          "deploy/common.env": "LEVEL=info\nDB=${HOST}\nA=1\n",
          "deploy/web.env": "A=2\n",
        },
        "deploy",
      ),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.project.services.web?.environment).toEqual({
      LEVEL: "debug",
      DB: "db.local",
      A: "2",
    });
    expect(result.project.services.web).not.toHaveProperty("env_file");
  });

  it("refuses an env_file that is missing or outside the stack, at the entry", () => {
    const missing = loadProject({
      files: [
        { file: "compose.yaml", text: "services:\n  web:\n    image: x\n    env_file: [a.env]\n" },
      ],
      stack: stackOf({}),
    });
    expect(!missing.ok && missing.errors).toEqual([
      {
        file: "compose.yaml",
        line: 4,
        column: 16,
        message: "env file a.env not found among the stack's files",
      },
    ]);
    const outside = loadProject({
      files: [
        {
          file: "compose.yaml",
          text: "services:\n  web:\n    image: x\n    env_file: ../../etc/passwd\n",
        },
      ],
      stack: stackOf({}),
    });
    expect(!outside.ok && outside.errors[0]?.message).toBe(
      "env_file ../../etc/passwd is outside the stack's files",
    );
  });

  it("normalises networks and volumes and drops those no enabled service uses", () => {
    const text = `services:
  web:
    image: x
    networks: [front]
    volumes: [data:/data]
  tool:
    image: y
    profiles: [tools]
    volumes: [scratch:/s]
networks:
  front:
    driver: bridge
    internal: "true"
    ipam:
      config:
        - subnet: 10.5.0.0/24
          gateway: 10.5.0.1
    labels: [tier=front]
  unused: {}
volumes:
  data:
    name: shared-data
  scratch: {}
`;
    const result = loadProject({ files: [{ file: "compose.yaml", text }] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.project.networks).toEqual({
      front: {
        external: false,
        driver: "bridge",
        driverOpts: {},
        ipam: { config: [{ subnet: "10.5.0.0/24", gateway: "10.5.0.1" }] },
        labels: { tier: "front" },
        internal: true,
        attachable: false,
        enableIPv6: false,
      },
    });
    expect(result.project.volumes).toEqual({
      data: { name: "shared-data", external: false, driverOpts: {}, labels: {} },
    });
  });

  it("adds the default network when a service joins none, and refuses undefined ones", () => {
    const ok = loadProject({
      files: [{ file: "c.yaml", text: "services:\n  web:\n    image: x\n" }],
    });
    expect(ok.ok && Object.keys(ok.project.networks)).toEqual(["default"]);
    const bad = loadProject({
      files: [{ file: "c.yaml", text: "services:\n  web:\n    image: x\n    networks: [back]\n" }],
    });
    expect(!bad.ok && bad.errors[0]).toMatchObject({
      line: 4,
      message: "service web refers to undefined network back",
    });
  });

  it("reads configs and secrets from a stack file, inline content or a variable", () => {
    const text = `services:
  web:
    image: x
    configs: [site, inline]
    secrets: [token]
configs:
  site:
    file: ./conf/site.conf
  inline:
    content: "port=\${PORT}"
secrets:
  token:
    environment: TOKEN
`;
    const result = loadProject({
      files: [{ file: "compose.yaml", text }],
      environment: { PORT: "80", TOKEN: "s3cret" },
      stack: stackOf({ "conf/site.conf": "server {}" }),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.project.configs).toEqual({
      site: { content: "server {}" },
      inline: { content: "port=80" },
    });
    expect(result.project.secrets).toEqual({ token: { content: "s3cret" } });
  });
});
