import { describe, expect, it } from "vitest";
import { compilePlan } from "../../agent/src/compose/compile-plan";
import { ComposeSourceSchema } from "../../lib/protocol/compose";

function compile(compose: string, extra: Record<string, string> = {}) {
  const files = Object.entries({ "compose.yaml": compose, ...extra }).map(([path, content]) => ({
    path,
    content,
  }));
  return compilePlan(
    ComposeSourceSchema.parse({ project: "app", files, composeFiles: ["compose.yaml"] }),
    "/srv/stacks",
  );
}

const hashOf = (compose: string) => {
  const result = compile(compose);
  if (!result.plan) throw new Error(JSON.stringify(result.problems));
  return result.plan.services[0]?.configHash;
};

describe("compiling a compose project", () => {
  it("keeps the config hash across scaling and dependencies, and changes it with the configuration", () => {
    const base = hashOf("services:\n  web:\n    image: nginx\n");
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf("services:\n  web:\n    image: nginx\n")).toBe(base);
    expect(hashOf("services:\n  web:\n    image: nginx\n    deploy: { replicas: 3 }\n")).toBe(base);
    expect(hashOf("services:\n  web:\n    image: nginx\n    pull_policy: always\n")).toBe(base);
    expect(hashOf("services:\n  web:\n    image: nginx\n    environment: [A=1]\n")).not.toBe(base);
    expect(hashOf("services:\n  web:\n    image: nginx:1\n")).not.toBe(base);
    expect(hashOf("services:\n  web:\n    image: nginx\n    ports: ['80:80']\n")).not.toBe(base);
  });

  it("refuses keys that change what runs and that Berth cannot carry, at the key", () => {
    const result = compile(
      "services:\n  web:\n    image: nginx\n    volumes_from: [db]\n  db:\n    image: x\n",
    );
    expect(result.problems).toEqual([
      {
        file: "compose.yaml",
        line: 4,
        column: 5,
        message: "volumes_from is not supported: share a named volume instead",
      },
    ]);
  });

  it("warns about keys it ignores", () => {
    const result = compile(
      "services:\n  web:\n    image: nginx\n    develop:\n      watch: [{ path: ., action: sync, target: /app }]\n",
    );
    expect(result.plan?.warnings).toEqual([
      "service web: develop is only read by compose watch; Berth ignores it",
    ]);
    const swarm = compile(
      "services:\n  web:\n    image: nginx\n    deploy:\n      placement: { constraints: [node.role==manager] }\n      resources: { reservations: { cpus: '0.5' } }\n",
    );
    expect(swarm.plan?.warnings).toEqual([
      "service web: deploy.placement only applies to swarm services; ignored",
      "service web: deploy.resources.reservations.cpus has no effect on a container; ignored",
    ]);
  });

  it.each([
    ["~/data:/data", "bind source ~/data: '~' is not supported; use a path inside the stack"],
    ["../other:/data", "bind source ../other is outside the stack's files"],
  ])("refuses the bind %s at its entry", (volume, message) => {
    const result = compile(`services:\n  web:\n    image: nginx\n    volumes: ["${volume}"]\n`);
    expect(result.problems).toEqual([{ file: "compose.yaml", line: 4, column: 15, message }]);
  });

  it("resolves relative paths from the first compose file's folder within the stack", () => {
    const files = [
      {
        path: "deploy/compose.yaml",
        content:
          "services:\n  web:\n    build: ../web\n    env_file: web.env\n    volumes: [./data:/data, ../shared:/shared]\n",
      },
      { path: "deploy/web.env", content: "A=1\n" },
      { path: "web/Dockerfile", content: "FROM busybox\n" },
    ];
    const { plan, problems } = compilePlan(
      ComposeSourceSchema.parse({ project: "app", files, composeFiles: ["deploy/compose.yaml"] }),
      "/srv/stacks",
    );
    expect(problems).toEqual([]);
    const web = plan?.services[0];
    expect(web?.build?.context).toBe("web");
    expect(web?.spec.env).toEqual([{ key: "A", value: "1" }]);
    expect(web?.spec.binds.map((bind) => bind.source)).toEqual([
      "/srv/stacks/app/deploy/data",
      "/srv/stacks/app/shared",
    ]);
    expect(plan?.configFiles).toEqual(["/srv/stacks/app/deploy/compose.yaml"]);
  });

  it("refuses a build context outside the stack and a Dockerfile the stack lacks", () => {
    const outside = compile("services:\n  web:\n    build: ../elsewhere\n");
    expect(outside.problems[0]?.message).toBe(
      "build context ../elsewhere is outside the stack's files",
    );
    const missing = compile("services:\n  web:\n    build: { context: web }\n");
    expect(missing.problems[0]).toMatchObject({
      line: 3,
      message: "web/Dockerfile is not among the stack's files",
    });
    const remote = compile("services:\n  web:\n    build: https://github.com/x/y.git\n");
    expect(remote.problems[0]?.message).toContain("remote build contexts are not supported");
  });

  it("takes the project name from the stack and checks the file's name against it", () => {
    const result = compile("name: other\nservices:\n  web:\n    image: nginx\n");
    expect(result.problems).toEqual([
      {
        file: "compose.yaml",
        line: 1,
        column: 7,
        message: "the file names the project other, but the stack is app",
      },
    ]);
    expect(compile("name: app\nservices:\n  web:\n    image: nginx\n").plan?.project).toBe("app");
  });

  it("reads the chosen env file instead of .env, and says when the stack lacks it", () => {
    const files = [
      { path: "compose.yaml", content: "services:\n  web:\n    image: nginx:${TAG}\n" },
      { path: ".env", content: "TAG=dev\n" },
      { path: "prod.env", content: "TAG=1.27\n" },
    ];
    const withEnv = (envFile: string) =>
      compilePlan(
        ComposeSourceSchema.parse({
          project: "app",
          files,
          composeFiles: ["compose.yaml"],
          envFile,
        }),
        "/srv/stacks",
      );
    expect(withEnv("prod.env").plan?.services[0]?.spec.image).toBe("nginx:1.27");
    expect(withEnv("staging.env").problems).toEqual([
      {
        file: "staging.env",
        line: 1,
        column: 1,
        message: "the env file staging.env is not among the stack's files",
      },
    ]);
  });

  it("refuses replicas that cannot run", () => {
    const distinct = compile(
      "services:\n  web:\n    image: nginx\n    scale: 2\n    deploy: { replicas: 3 }\n",
    );
    expect(distinct.problems[0]?.message).toBe(
      "can't set distinct values on 'scale' and 'deploy.replicas'",
    );
    const named = compile(
      "services:\n  web:\n    image: nginx\n    container_name: w\n    scale: 2\n",
    );
    expect(named.problems[0]?.message).toBe(
      "service web has a container_name, so it cannot run 2 replicas",
    );
  });

  it("places a value the run spec refuses at the service key it came from", () => {
    const result = compile("services:\n  web:\n    image: nginx\n    cap_add: ['bad cap']\n");
    expect(result.problems[0]).toMatchObject({
      line: 4,
      column: 14,
      message: expect.stringContaining("service web: cap_add: Not a capability name"),
    });
  });

  it("refuses a service with neither image nor build, and a network driver it cannot create", () => {
    expect(compile("services:\n  web:\n    restart: always\n").problems[0]?.message).toBe(
      "service web has neither an image nor a build",
    );
    const overlay = compile(
      "services:\n  web:\n    image: x\n    networks: [mesh]\nnetworks:\n  mesh:\n    driver: overlay\n",
    );
    expect(overlay.problems[0]).toMatchObject({
      line: 7,
      message: expect.stringContaining("network driver overlay is not supported"),
    });
  });
});
