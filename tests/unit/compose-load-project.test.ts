import { describe, expect, it } from "vitest";
import { loadProject } from "../../agent/src/compose/load-project";

const base = `name: shop
services:
  db:
    image: postgres:\${PG_TAG:-16}
    volumes: ["data:/var/lib/postgresql/data"]
    healthcheck: { test: ["CMD", "pg_isready"] }
  backend: &backend
    image: shop/backend:\${TAG:?set TAG}
    environment:
      - DB_HOST=db
      - SECRET
    depends_on:
      db: { condition: service_healthy }
  frontend:
    image: shop/frontend
    ports: ["\${WEB_PORT}:80"]
    depends_on: [backend]
  debug:
    <<: *backend
    profiles: [tools]
volumes:
  data: {}
`;

const override = `services:
  frontend:
    ports: ["127.0.0.1:9443:443"]
  backend:
    environment: { DB_HOST: primary }
`;

describe("loadProject", () => {
  it("interpolates with the shell over .env, merges files and applies profiles", () => {
    const result = loadProject({
      files: [
        { file: "compose.yaml", text: base },
        { file: "compose.override.yaml", text: override },
      ],
      dotenv: { file: ".env", text: "TAG=from-dotenv\nWEB_PORT=8080\nSECRET=s3\n" },
      environment: { TAG: "2.0" },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { project } = result;
    expect(project.name).toBe("shop");
    expect(Object.keys(project.services)).toEqual(["db", "backend", "frontend"]);
    expect(project.disabledServices).toEqual(["debug"]);
    expect(project.services.db?.image).toBe("postgres:16");
    expect(project.services.backend).toMatchObject({
      image: "shop/backend:2.0",
      environment: { DB_HOST: "primary", SECRET: "s3" },
      depends_on: { db: { condition: "service_healthy", required: true, restart: false } },
    });
    expect(project.services.frontend?.ports).toEqual([
      { target: 80, published: "8080", protocol: "tcp" },
      { target: 443, published: "9443", hostIp: "127.0.0.1", protocol: "tcp" },
    ]);
    expect(project.volumes).toEqual({
      data: { external: false, driverOpts: {}, labels: {} },
    });
  });

  it("enables profiled services with * or COMPOSE_PROFILES", () => {
    const files = [{ file: "compose.yaml", text: base }];
    const environment = { TAG: "1", WEB_PORT: "80" };
    const all = loadProject({ files, environment, profiles: ["*"] });
    const fromEnv = loadProject({
      files,
      environment: { ...environment, COMPOSE_PROFILES: "tools" },
    });
    for (const result of [all, fromEnv]) {
      expect(result.ok && Object.keys(result.project.services)).toContain("debug");
    }
  });

  it("reports a missing required variable at its file, line and column", () => {
    const result = loadProject({ files: [{ file: "compose.yaml", text: base }], environment: {} });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      {
        file: "compose.yaml",
        line: 8,
        column: 12,
        message: "required variable TAG is missing a value: set TAG (at services.backend.image)",
      },
    ]);
  });

  it("reports YAML syntax errors and model errors at their position", () => {
    const syntax = loadProject({
      files: [{ file: "a.yml", text: "services:\n  web:\n    image: [oops\n" }],
    });
    expect(!syntax.ok && syntax.errors[0]).toMatchObject({
      file: "a.yml",
      line: expect.any(Number),
    });

    const badPort = loadProject({
      files: [
        { file: "a.yml", text: "services:\n  web:\n    image: x\n" },
        { file: "b.yml", text: "services:\n  web:\n    ports:\n      - 80\n      - nonsense\n" },
      ],
    });
    expect(!badPort.ok && badPort.errors).toEqual([
      { file: "b.yml", line: 5, column: 9, message: 'invalid port "nonsense"' },
    ]);
  });

  it("refuses a dependency disabled by its profile", () => {
    const text =
      "services:\n  web:\n    image: x\n    depends_on: [db]\n  db:\n    image: y\n    profiles: [data]\n";
    const result = loadProject({ files: [{ file: "c.yml", text }] });
    expect(!result.ok && result.errors).toEqual([
      {
        file: "c.yml",
        line: 4,
        column: 17,
        message: "service web depends on db, which is disabled by its profiles",
      },
    ]);
  });

  it("resolves extends from another file and reports .env errors with their line", () => {
    const result = loadProject({
      files: [
        {
          file: "compose.yaml",
          text: "services:\n  web:\n    extends: { file: common.yml, service: base }\n    command: run\n",
        },
      ],
      extendsFiles: [
        { file: "common.yml", text: "services:\n  base:\n    image: common\n    command: idle\n" },
      ],
    });
    expect(result.ok && result.project.services.web).toMatchObject({
      image: "common",
      command: "run",
    });

    const badEnv = loadProject({ files: [], dotenv: { file: ".env", text: "A=1\nB='open\n" } });
    expect(!badEnv.ok && badEnv.errors).toEqual([
      { file: ".env", line: 2, column: 1, message: "unterminated ' quote" },
    ]);
  });

  it.each([
    ["servics:\n  web:\n    image: x\n", 1, 1, "unknown top-level key servics"],
    ["services:\n  - web\n", 2, 3, "services must be a mapping"],
  ])("rejects the top level of %j", (text, line, column, message) => {
    const result = loadProject({ files: [{ file: "d.yml", text }] });
    expect(!result.ok && result.errors).toEqual([{ file: "d.yml", line, column, message }]);
  });

  it("refuses merge tags it does not apply yet, at the tagged value", () => {
    const text = "services:\n  web:\n    image: x\n    ports: !reset []\n";
    const result = loadProject({ files: [{ file: "e.yml", text }] });
    expect(!result.ok && result.errors).toEqual([
      { file: "e.yml", line: 4, column: 19, message: "the !reset tag is not supported yet" },
    ]);
  });
});
