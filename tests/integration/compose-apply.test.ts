/**
 * compose.up / down / lifecycle / list: the agent's handlers driven in-process against a real
 * engine in a simulated host, with plans written by hand (the compiler's output shape). Images
 * are built on the host from the stack's files, FROM the harness's busybox image (itself built
 * FROM scratch); nothing is pulled. Every effect is checked with the engine's own view.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  AgentCommandName,
  AgentCommandResult,
  ComposePlannedService,
  ComposeStep,
  ComposeUpParamsInput,
  ProgressMessage,
  RunSpecInput,
  StackFile,
  WireError,
} from "@/lib/protocol";
import type { CommandContext } from "../../agent/src/engine/command-types";
import { dispatchCommand } from "../../agent/src/engine/dispatch";
import { commandRegistry } from "../../agent/src/engine/registry";
import { BUSYBOX_IMAGE, startHosts, type SimHost, type SimHosts } from "../harness/hosts";
import { httpGetWhenServed } from "../harness/http-get";

const PROJECT = "demo";
const FRONTEND_PORT = 18080;
/**
 * sh as PID 1 that ends on TERM at once: busybox ignores TERM as PID 1 without a trap, and runs
 * the trap only once a foreground sleep ends (`wait` is interrupted).
 */
const IDLE = "trap 'exit 0' TERM; while :; do sleep 1 & wait; done";

let sim: SimHosts;
let host: SimHost;
let docker: Docker;
let ctx: CommandContext;
let stacksDir: string;
const progress: ProgressMessage[] = [];

type Reply<N extends AgentCommandName> =
  { ok: true; result: AgentCommandResult<N> } | { ok: false; error: WireError };

async function call<N extends AgentCommandName>(command: N, params: unknown): Promise<Reply<N>> {
  return (await dispatchCommand(
    { command, params, callId: `call-${progress.length}-${Date.now()}` },
    commandRegistry,
    ctx,
  )) as Reply<N>;
}

async function ok<N extends AgentCommandName>(
  command: N,
  params: unknown,
): Promise<AgentCommandResult<N>> {
  const reply = await call(command, params);
  if (!reply.ok) throw new Error(`${command}: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}

async function fails(command: AgentCommandName, params: unknown): Promise<WireError> {
  const reply = await call(command, params);
  if (reply.ok) throw new Error(`${command} succeeded: ${JSON.stringify(reply.result)}`);
  return reply.error;
}

const sha256 = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

type ServiceInput = Omit<ComposePlannedService, "spec" | "configHash" | "files" | "build"> & {
  spec: RunSpecInput;
  files?: ComposePlannedService["files"];
  build?: Partial<NonNullable<ComposePlannedService["build"]>> & { context: string };
};

/** A planned service as the compiler writes it: the hash covers the spec and the files. */
function service(
  name: string,
  spec: RunSpecInput,
  extra: Partial<Omit<ServiceInput, "name" | "spec">> = {},
): ServiceInput & { configHash: string } {
  const files = extra.files ?? [];
  return {
    name,
    spec,
    replicas: 1,
    dependsOn: {},
    pullPolicy: "missing",
    ...extra,
    files,
    configHash: sha256({ spec, files }),
  };
}

const network = (key: string, project = PROJECT) => ({
  key,
  name: `${project}_${key}`,
  external: false,
  spec: { name: `${project}_${key}` },
});

const DB_SCRIPT = [
  "trap 'exit 0' TERM",
  "rm -f /ready",
  "echo started >> /data/starts",
  "touch /ready",
  "while :; do sleep 1 & wait; done",
].join("\n");

const FILES: StackFile[] = [
  { path: "compose.yaml", content: "services: {}\n" },
  { path: ".env", content: "GREETING=hello\n" },
  { path: "notes.txt", content: "old notes\n" },
  {
    path: "db/Dockerfile",
    content: `FROM ${BUSYBOX_IMAGE}\nCOPY db.sh /db.sh\nCMD ["sh", "/db.sh"]\n`,
  },
  { path: "db/db.sh", content: `${DB_SCRIPT}\n` },
  { path: "web/html/index.html", content: "<h1>hello from the stack</h1>\n" },
  { path: "web/.dockerignore", content: "secret.txt\n" },
  { path: "web/secret.txt", content: "not for the image\n" },
];

interface Options {
  backendEnv?: string;
  backendReplicas?: number;
  withFrontend?: boolean;
  files?: StackFile[];
}

/** The three-service stack: db (volume, healthcheck, secret, config), backend, frontend. */
function demoPlan(options: Options = {}) {
  const workingDir = path.join(stacksDir, PROJECT);
  const db = service(
    "db",
    {
      image: `${PROJECT}-db`,
      networks: [{ name: `${PROJECT}_default` }],
      volumes: [{ name: `${PROJECT}_data`, target: "/data" }],
      healthcheck: {
        test: ["CMD-SHELL", "test -f /ready"],
        intervalSeconds: 0.5,
        startPeriodSeconds: 10,
      },
      stopTimeoutSeconds: 1,
    },
    {
      // build only: built on every deploy, the builder's cache keeping the image as it is
      pullPolicy: "build",
      build: { context: "db" },
      files: [
        {
          kind: "secret",
          name: "db_password",
          target: "/run/secrets/db_password",
          content: "s3cret\n",
          mode: 0o400,
        },
        {
          kind: "config",
          name: "db_conf",
          target: "/etc/db/db.conf",
          content: "max=10\n",
          uid: "1000",
          gid: "1000",
        },
      ],
    },
  );
  const backend = service(
    "backend",
    {
      image: BUSYBOX_IMAGE,
      command: ["sh", "-c", IDLE],
      env: [{ key: "GREETING", value: options.backendEnv ?? "hello" }],
      networks: [{ name: `${PROJECT}_default` }],
    },
    {
      replicas: options.backendReplicas ?? 1,
      dependsOn: { db: { condition: "service_healthy", required: true, restart: false } },
    },
  );
  const frontend = service(
    "frontend",
    {
      image: `${PROJECT}-frontend`,
      command: ["httpd", "-f", "-p", "80", "-h", "/www/html"],
      ports: [{ containerPort: 80, hostPort: FRONTEND_PORT }],
      networks: [{ name: `${PROJECT}_default` }, { name: `${PROJECT}_front`, aliases: ["www"] }],
      stopTimeoutSeconds: 1,
    },
    {
      // an image name and a build: built when the image is missing
      pullPolicy: "missing",
      build: {
        context: "web",
        dockerfileInline: `FROM ${BUSYBOX_IMAGE}\nCOPY . /www/\nRUN [ ! -e /www/secret.txt ]\n`,
      },
      dependsOn: { backend: { condition: "service_started", required: true, restart: false } },
    },
  );
  const withFrontend = options.withFrontend ?? true;
  return {
    project: PROJECT,
    workingDir,
    configFiles: [path.join(workingDir, "compose.yaml")],
    services: withFrontend ? [db, backend, frontend] : [db, backend],
    networks: [network("default"), ...(withFrontend ? [network("front")] : [])],
    volumes: [
      {
        key: "data",
        name: `${PROJECT}_data`,
        external: false,
        spec: { name: `${PROJECT}_data` },
      },
    ],
    disabledServices: ["tools"],
  };
}

function upParams(options: Options = {}, extra: Partial<ComposeUpParamsInput> = {}) {
  return {
    source: {
      project: PROJECT,
      files: options.files ?? FILES,
      composeFiles: ["compose.yaml"],
    },
    plan: demoPlan(options),
    ...extra,
  };
}

/** A small project of idle busybox services on one network. */
function projectParams(project: string, services: ServiceInput[]) {
  const workingDir = path.join(stacksDir, project);
  return {
    source: {
      project,
      files: [{ path: "compose.yaml", content: "services: {}\n" }],
      composeFiles: ["compose.yaml"],
    },
    plan: {
      project,
      workingDir,
      configFiles: [path.join(workingDir, "compose.yaml")],
      services,
      networks: [network("default", project)],
      volumes: [],
      disabledServices: [],
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function inspect(name: string): Promise<any> {
  return docker.getContainer(name).inspect();
}

async function exec(container: string, script: string): Promise<string> {
  const out = await host.docker(["exec", container, "sh", "-c", script]);
  return out.stdout.trim();
}

const actions = (steps: ComposeStep[], action: string) =>
  steps.filter((s) => s.action === action).map((s) => s.target);

let firstIds: Record<string, string>;

beforeAll(async () => {
  sim = await startHosts(1);
  host = sim.hosts[0]!;
  docker = new Docker({ socketPath: host.dockerSocket });
  stacksDir = mkdtempSync(path.join(tmpdir(), "berth-stacks-"));
  ctx = {
    docker,
    socketPath: host.dockerSocket,
    sendProgress: (m) => progress.push(m),
    stacksDir,
  };
});

afterAll(async () => {
  await sim?.stop();
  if (stacksDir) rmSync(stacksDir, { recursive: true, force: true });
});

describe("compose.up deploys the three-service stack", () => {
  it("builds, creates in dependency order, waits for db to be healthy and serves over HTTP", async () => {
    progress.length = 0;
    const { steps } = await ok("compose.up", upParams());

    expect(steps.every((s) => s.state === "done")).toBe(true);
    expect(actions(steps, "Creating")).toEqual([
      "demo_default",
      "demo_front",
      "demo_data",
      "demo-db-1",
      "demo-backend-1",
      "demo-frontend-1",
    ]);
    expect(actions(steps, "Building")).toEqual(["demo-db", "demo-frontend"]);
    const order = steps.map((s) => `${s.action} ${s.target}`);
    const waited = order.indexOf("Waiting for db to be healthy db");
    expect(waited).toBeGreaterThan(order.indexOf("Starting demo-db-1"));
    expect(waited).toBeLessThan(order.indexOf("Creating demo-backend-1"));

    // each step went out live, running first, on the call's progress channel
    const live = progress.map((m) => m.progress);
    expect(live.every((p) => p.phase === "compose" && p.status === p.step?.action)).toBe(true);
    const waiting = live.filter((p) => p.step?.action === "Waiting for db to be healthy");
    expect(waiting.map((p) => p.step?.state)).toEqual(["running", "done"]);

    expect(await httpGetWhenServed(`http://${host.ip}:${FRONTEND_PORT}/index.html`)).toContain(
      "hello from the stack",
    );
    // .dockerignore of the context kept secret.txt out of the image (the build's RUN checks)
    const db = await inspect("demo-db-1");
    expect(db.State.Health.Status).toBe("healthy");
    firstIds = {
      db: db.Id,
      backend: (await inspect("demo-backend-1")).Id,
      frontend: (await inspect("demo-frontend-1")).Id,
    };
  });

  it("labels containers, networks and volumes as docker compose does", async () => {
    const plan = demoPlan();
    const backend = await inspect("demo-backend-1");
    const image = await docker.getImage(BUSYBOX_IMAGE).inspect();
    expect(backend.Config.Labels).toMatchObject({
      "com.docker.compose.project": "demo",
      "com.docker.compose.service": "backend",
      "com.docker.compose.container-number": "1",
      "com.docker.compose.oneoff": "False",
      "com.docker.compose.config-hash": plan.services[1]!.configHash,
      "com.docker.compose.project.working_dir": path.join(stacksDir, "demo"),
      "com.docker.compose.project.config_files": path.join(stacksDir, "demo", "compose.yaml"),
      "com.docker.compose.depends_on": "db:service_healthy:false",
      "com.docker.compose.image": image.Id,
      "com.docker.compose.version": "2.40.3",
    });
    const net = await docker.getNetwork("demo_default").inspect();
    expect(net.Labels).toMatchObject({
      "com.docker.compose.project": "demo",
      "com.docker.compose.network": "default",
    });
    expect(net.Labels?.["com.docker.compose.config-hash"]).toBeUndefined();
    const volume = await docker.getVolume("demo_data").inspect();
    expect(volume.Labels).toMatchObject({
      "com.docker.compose.project": "demo",
      "com.docker.compose.volume": "data",
    });
    // what docker compose ps filters on finds every container of the project
    const ps = await docker.listContainers({
      filters: {
        label: [
          "com.docker.compose.project=demo",
          "com.docker.compose.config-hash",
          "com.docker.compose.oneoff=False",
        ],
      },
    });
    expect(ps.map((c) => c.Names[0]).sort()).toEqual([
      "/demo-backend-1",
      "/demo-db-1",
      "/demo-frontend-1",
    ]);
  });

  it("joins networks under the service's and the container's names, and copies configs and secrets in", async () => {
    const frontend = await inspect("demo-frontend-1");
    expect(frontend.NetworkSettings.Networks.demo_default.Aliases).toEqual(
      expect.arrayContaining(["frontend", "demo-frontend-1"]),
    );
    expect(frontend.NetworkSettings.Networks.demo_front.Aliases).toEqual(
      expect.arrayContaining(["frontend", "demo-frontend-1", "www"]),
    );
    expect(
      await exec("demo-backend-1", "timeout 5 wget -qO- http://frontend/index.html"),
    ).toContain("hello from the stack");
    expect(await exec("demo-db-1", "stat -c '%a %u' /run/secrets/db_password")).toBe("400 0");
    expect(await exec("demo-db-1", "cat /run/secrets/db_password")).toBe("s3cret");
    expect(await exec("demo-db-1", "stat -c '%a %u %g' /etc/db/db.conf")).toBe("444 1000 1000");
  });

  it("writes the stack's files into its folder under the stacks folder", () => {
    const folder = path.join(stacksDir, "demo");
    expect(readFileSync(path.join(folder, "compose.yaml"), "utf8")).toBe("services: {}\n");
    expect(readFileSync(path.join(folder, "web/html/index.html"), "utf8")).toContain("hello");
    expect(readFileSync(path.join(folder, ".env"), "utf8")).toBe("GREETING=hello\n");
  });
});

describe("compose.up on a deployed stack", () => {
  it("recreates only the service whose configuration changed and keeps the stack's other files", async () => {
    const folder = path.join(stacksDir, "demo");
    // what a container wrote into a bind under the stack's folder is not the stack's to remove
    mkdirSync(path.join(folder, "data"), { recursive: true });
    writeFileSync(path.join(folder, "data", "keep"), "container data\n");
    const files = FILES.filter((f) => f.path !== "notes.txt");

    const { steps } = await ok("compose.up", upParams({ backendEnv: "changed", files }));

    expect(actions(steps, "Building")).toEqual(["demo-db"]);
    expect(actions(steps, "Recreating")).toEqual(["demo-backend-1"]);
    expect(steps.find((s) => s.action === "Recreating")?.message).toBe("configuration changed");
    expect(actions(steps, "Creating")).toEqual([]);
    expect(actions(steps, "Running").sort()).toEqual(["demo-db-1", "demo-frontend-1"]);
    expect((await inspect("demo-db-1")).Id).toBe(firstIds.db);
    expect((await inspect("demo-frontend-1")).Id).toBe(firstIds.frontend);
    const backend = await inspect("demo-backend-1");
    expect(backend.Id).not.toBe(firstIds.backend);
    expect(backend.State.Running).toBe(true);
    expect(backend.Config.Env).toContain("GREETING=changed");
    expect(backend.Config.Labels["com.docker.compose.replace"]).toBe("backend-1");
    const names = (await docker.listContainers({ all: true })).map((c) => c.Names[0]);
    expect(names.filter((n) => n?.includes("backend"))).toEqual(["/demo-backend-1"]);

    expect(existsSync(path.join(folder, "notes.txt"))).toBe(false);
    expect(readFileSync(path.join(folder, "data", "keep"), "utf8")).toBe("container data\n");
  });

  it("recreates everything when forced, and scales a service up and down by number", async () => {
    const forced = await ok(
      "compose.up",
      upParams({ backendEnv: "changed", backendReplicas: 2 }, { forceRecreate: true }),
    );
    expect(actions(forced.steps, "Recreating").sort()).toEqual([
      "demo-backend-1",
      "demo-db-1",
      "demo-frontend-1",
    ]);
    expect(actions(forced.steps, "Creating")).toEqual(["demo-backend-2"]);
    expect((await inspect("demo-backend-2")).Config.Labels).toMatchObject({
      "com.docker.compose.container-number": "2",
    });
    // db's data lives in its named volume: the recreated db started a second time on it
    expect(await exec("demo-db-1", "cat /data/starts")).toBe("started\nstarted");

    const down = await ok("compose.up", upParams({ backendEnv: "changed", backendReplicas: 1 }));
    expect(actions(down.steps, "Removing")).toEqual(["demo-backend-2"]);
    expect(actions(down.steps, "Recreating")).toEqual([]);
    await expect(inspect("demo-backend-2")).rejects.toMatchObject({ statusCode: 404 });
  });

  it("keeps orphans unless asked to remove them; a profile-disabled service is no orphan", async () => {
    const labels = (serviceName: string) => ({
      "com.docker.compose.project": PROJECT,
      "com.docker.compose.service": serviceName,
      "com.docker.compose.container-number": "1",
      "com.docker.compose.oneoff": "False",
      "com.docker.compose.config-hash": "0".repeat(64),
    });
    for (const name of ["old", "tools"]) {
      await docker.createContainer({
        name: `demo-${name}-1`,
        Image: BUSYBOX_IMAGE,
        Cmd: ["true"],
        Labels: labels(name),
      });
    }
    const kept = await ok("compose.up", upParams({ backendEnv: "changed" }));
    expect(actions(kept.steps, "Found orphan")).toEqual(["demo-old-1"]);
    expect((await inspect("demo-old-1")).Id).toBeTruthy();

    const removed = await ok(
      "compose.up",
      upParams({ backendEnv: "changed" }, { removeOrphans: true }),
    );
    expect(actions(removed.steps, "Removing orphan")).toEqual(["demo-old-1"]);
    await expect(inspect("demo-old-1")).rejects.toMatchObject({ statusCode: 404 });
    expect((await inspect("demo-tools-1")).Id).toBeTruthy();
    await docker.getContainer("demo-tools-1").remove({ force: true });
  });

  it("deploys only the services asked for and what they depend on", async () => {
    const { steps } = await ok(
      "compose.up",
      upParams({ backendEnv: "only backend" }, { services: ["backend"] }),
    );
    const services = new Set(steps.filter((s) => s.kind === "container").map((s) => s.service));
    expect([...services].sort()).toEqual(["backend", "db"]);
    expect(actions(steps, "Recreating")).toEqual(["demo-backend-1"]);
  });
});

describe("depends_on with restart", () => {
  it("restarts a dependent whose dependency is recreated, without recreating it", async () => {
    const idle = (env: string) => ({
      image: BUSYBOX_IMAGE,
      command: ["sh", "-c", IDLE],
      env: [{ key: "VERSION", value: env }],
      networks: [{ name: "chain_default" }],
    });
    const plan = (version: string) =>
      projectParams("chain", [
        service("base", idle(version)),
        service("follower", idle("1"), {
          dependsOn: { base: { condition: "service_started", required: true, restart: true } },
        }),
      ]);
    await ok("compose.up", plan("1"));
    const before = await inspect("chain-follower-1");

    const { steps } = await ok("compose.up", plan("2"));
    expect(steps.map((s) => `${s.action} ${s.target}`)).toEqual([
      "Writing files chain",
      "Stopping chain-follower-1",
      "Recreating chain-base-1",
      "Starting chain-base-1",
      "Starting chain-follower-1",
    ]);
    const after = await inspect("chain-follower-1");
    expect(after.Id).toBe(before.Id);
    expect(after.State.Running).toBe(true);
    expect(after.State.StartedAt).not.toBe(before.State.StartedAt);

    // a second command on the project while one runs is refused, not raced
    const [deploy, stop] = await Promise.all([
      call("compose.up", plan("3")),
      call("compose.lifecycle", { project: "chain", action: "stop" }),
    ]);
    expect(deploy.ok).toBe(true);
    expect(stop).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    await ok("compose.down", { project: "chain" });
  });
});

describe("compose.lifecycle", () => {
  it("stops in reverse dependency order, starts in order waiting for health, restarts", async () => {
    const stopped = await ok("compose.lifecycle", { project: PROJECT, action: "stop" });
    expect(actions(stopped.steps, "Stopping")).toEqual([
      "demo-frontend-1",
      "demo-backend-1",
      "demo-db-1",
    ]);
    for (const name of ["demo-db-1", "demo-backend-1", "demo-frontend-1"])
      expect((await inspect(name)).State.Running).toBe(false);

    const started = await ok("compose.lifecycle", { project: PROJECT, action: "start" });
    const order = started.steps.map((s) => `${s.action} ${s.target}`);
    expect(order).toEqual([
      "Starting demo-db-1",
      "Waiting for db to be healthy db",
      "Starting demo-backend-1",
      "Starting demo-frontend-1",
    ]);
    expect(await httpGetWhenServed(`http://${host.ip}:${FRONTEND_PORT}/index.html`)).toContain(
      "hello",
    );

    const before = (await inspect("demo-backend-1")).State.StartedAt;
    const restarted = await ok("compose.lifecycle", {
      project: PROJECT,
      action: "restart",
      services: ["backend"],
    });
    expect(actions(restarted.steps, "Restarting")).toEqual(["demo-backend-1"]);
    expect((await inspect("demo-backend-1")).State.StartedAt).not.toBe(before);

    const missing = await fails("compose.lifecycle", { project: "nothing", action: "start" });
    expect(missing.code).toBe("NOT_FOUND");
  });
});

describe("compose.list", () => {
  it("lists the deployed stack and a project made by labels alone, as docker compose would", async () => {
    const composeLabels = {
      "com.docker.compose.project": "handmade",
      "com.docker.compose.service": "web",
      "com.docker.compose.container-number": "1",
      "com.docker.compose.oneoff": "False",
      "com.docker.compose.config-hash": "a".repeat(64),
      "com.docker.compose.project.working_dir": "/srv/handmade",
      "com.docker.compose.project.config_files":
        "/srv/handmade/compose.yaml,/srv/handmade/compose.override.yaml",
    };
    await docker.createNetwork({
      Name: "handmade_default",
      Labels: {
        "com.docker.compose.project": "handmade",
        "com.docker.compose.network": "default",
      },
    });
    await docker.createVolume({
      Name: "handmade_cache",
      Labels: { "com.docker.compose.project": "handmade", "com.docker.compose.volume": "cache" },
    });
    const web = await docker.createContainer({
      name: "handmade-web-1",
      Image: BUSYBOX_IMAGE,
      Cmd: ["sh", "-c", IDLE],
      Labels: composeLabels,
      HostConfig: { NetworkMode: "handmade_default" },
    });
    await web.start();
    // a `compose run` container and one of Berth's helpers are no project containers
    await docker.createContainer({
      name: "handmade-web-run-1",
      Image: BUSYBOX_IMAGE,
      Cmd: ["true"],
      Labels: { ...composeLabels, "com.docker.compose.oneoff": "True" },
    });
    const helper = await docker.createContainer({
      Image: BUSYBOX_IMAGE,
      Cmd: ["true"],
      Labels: { ...composeLabels, "berth.helper": "volume" },
    });

    const { projects } = await ok("compose.list", {});
    expect(projects.map((p) => p.name)).toEqual(["demo", "handmade"]);
    const handmade = projects.find((p) => p.name === "handmade")!;
    expect(handmade).toMatchObject({
      workingDir: "/srv/handmade",
      configFiles: ["/srv/handmade/compose.yaml", "/srv/handmade/compose.override.yaml"],
      networks: [{ name: "handmade_default", key: "default" }],
      volumes: [{ name: "handmade_cache", key: "cache" }],
    });
    expect(handmade.services).toHaveLength(1);
    expect(handmade.services[0]!.containers).toEqual([
      expect.objectContaining({
        name: "handmade-web-1",
        service: "web",
        number: 1,
        state: "running",
        configHash: "a".repeat(64),
        oneoff: false,
      }),
    ]);

    const demo = projects.find((p) => p.name === "demo")!;
    expect(demo.workingDir).toBe(path.join(stacksDir, "demo"));
    expect(demo.services.map((s) => s.name)).toEqual(["backend", "db", "frontend"]);
    const db = demo.services.find((s) => s.name === "db")!.containers[0]!;
    expect(db.health).toBe("healthy");
    const frontend = demo.services.find((s) => s.name === "frontend")!.containers[0]!;
    expect(frontend.ports).toContainEqual(
      expect.objectContaining({ published: FRONTEND_PORT, target: 80, protocol: "tcp" }),
    );
    expect(demo.networks.map((n) => n.key).sort()).toEqual(["default", "front"]);
    expect(demo.volumes).toEqual([{ name: "demo_data", key: "data" }]);

    // compose.lifecycle and compose.down work on a project found by its labels alone
    await ok("compose.lifecycle", { project: "handmade", action: "stop", timeoutSeconds: 1 });
    expect((await web.inspect()).State.Running).toBe(false);
    const down = await ok("compose.down", {
      project: "handmade",
      removeVolumes: true,
      removeFiles: false,
    });
    expect(actions(down.steps, "Removing").sort()).toEqual([
      "handmade-web-1",
      "handmade-web-run-1",
      "handmade_cache",
      "handmade_default",
    ]);
    await helper.remove();
  });
});

describe("compose.up refuses and fails clearly", () => {
  it("refuses a plan whose working folder is not the project's folder under the stacks folder", async () => {
    const params = upParams();
    for (const workingDir of ["/etc", path.join(stacksDir, "other"), `${stacksDir}/demo/../x`]) {
      const error = await fails("compose.up", {
        ...params,
        plan: { ...params.plan, workingDir },
      });
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toContain(path.join(stacksDir, "demo"));
    }
    expect(existsSync(path.join(stacksDir, "other"))).toBe(false);
  });

  it("names a missing external network", async () => {
    const params = upParams();
    const error = await fails("compose.up", {
      ...params,
      plan: {
        ...params.plan,
        networks: [...params.plan.networks, { key: "shared", name: "shared", external: true }],
      },
    });
    expect(error.message).toBe("network shared declared as external, but could not be found");
  });

  const idle = { image: BUSYBOX_IMAGE, networks: [{ name: "broken_default" }] };

  it("fails naming the service when a dependency does not complete successfully", async () => {
    const migrate = service("migrate", { ...idle, command: ["sh", "-c", "exit 3"] });
    const app = service(
      "app",
      { ...idle, command: ["sh", "-c", IDLE] },
      {
        dependsOn: {
          migrate: { condition: "service_completed_successfully", required: true, restart: false },
        },
      },
    );
    const error = await fails("compose.up", projectParams("broken", [migrate, app]));
    expect(error.message).toBe(
      `Service app failed: dependency migrate failed to start: service "migrate" didn't complete successfully: exit 3`,
    );
    await expect(inspect("broken-app-1")).rejects.toMatchObject({ statusCode: 404 });
  });

  it("fails naming the service when a dependency turns unhealthy, and keeps what runs", async () => {
    const sick = service("sick", {
      ...idle,
      command: ["sh", "-c", IDLE],
      healthcheck: { test: ["CMD", "false"], intervalSeconds: 0.5, retries: 1 },
    });
    const needy = service(
      "needy",
      { ...idle, command: ["sh", "-c", IDLE] },
      { dependsOn: { sick: { condition: "service_healthy", required: true, restart: false } } },
    );
    const error = await fails("compose.up", projectParams("broken", [sick, needy]));
    expect(error.message).toBe(
      "Service needy failed: dependency sick failed to start: container broken-sick-1 is unhealthy",
    );
    expect((await inspect("broken-sick-1")).State.Running).toBe(true);
    await ok("compose.down", { project: "broken", timeoutSeconds: 1 });
    expect(existsSync(path.join(stacksDir, "broken"))).toBe(false);
  });
});

describe("compose.down", () => {
  it("removes containers and networks but keeps volumes and containers' data unless asked", async () => {
    const starts = (await exec("demo-db-1", "cat /data/starts")).split("\n").length;
    const { steps } = await ok("compose.down", { project: PROJECT });
    expect(actions(steps, "Stopping")).toEqual(["demo-frontend-1", "demo-backend-1", "demo-db-1"]);
    expect(
      (
        await docker.listContainers({
          all: true,
          filters: { label: ["com.docker.compose.project=demo"] },
        })
      ).length,
    ).toBe(0);
    const networks = await docker.listNetworks({ filters: { name: ["demo_"] } });
    expect(networks).toEqual([]);
    expect((await docker.getVolume("demo_data").inspect()).Name).toBe("demo_data");
    const folder = path.join(stacksDir, "demo");
    expect(existsSync(path.join(folder, "compose.yaml"))).toBe(false);
    expect(readFileSync(path.join(folder, "data", "keep"), "utf8")).toBe("container data\n");
    expect(steps.find((s) => s.action === "Removing files")?.message).toContain("stays");

    // deployed again, db finds its data in the volume that stayed
    await ok("compose.up", upParams());
    expect((await exec("demo-db-1", "cat /data/starts")).split("\n")).toHaveLength(starts + 1);
  });

  it("with volumes removes the project's volumes and its whole folder", async () => {
    const { steps } = await ok("compose.down", { project: PROJECT, removeVolumes: true });
    expect(actions(steps, "Removing")).toContain("demo_data");
    await expect(docker.getVolume("demo_data").inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
    expect(existsSync(path.join(stacksDir, "demo"))).toBe(false);
    const { projects } = await ok("compose.list", {});
    expect(projects).toEqual([]);
  });
});
