import path from "node:path";
import type {
  ComposeDependency,
  ComposePlan,
  ComposePlannedService,
  ComposeProblem,
  ComposeService,
  ComposeSource,
} from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import { compileBuild } from "./compile-build";
import { configHash } from "./compile-config-hash";
import { compileFileMounts } from "./compile-file-mounts";
import {
  compileAnonymousVolumes,
  compileNetworks,
  compileVolumes,
} from "./compile-project-resources";
import { compileRunSpec, type RunSpecContext } from "./compile-run-spec";
import { checkUnsupported } from "./compile-unsupported";
import { loadProject, type LoadedProject } from "./load-project";
import type { StackFiles } from "./stack-files";

export type CompileResult = { problems: ComposeProblem[]; plan: ComposePlan | null };

/**
 * Loads a stack's compose files and compiles the project into the engine objects it stands for.
 * The project's name is the stack's; a `name:` in the file must agree with it. Relative paths
 * start at the first compose file's folder, as in compose.
 */
export function compilePlan(source: ComposeSource, stacksDir: string): CompileResult {
  const files = new Map(source.files.map((file) => [file.path, file.content]));
  const first = source.composeFiles[0] ?? "compose.yaml";
  const stack: StackFiles = { files, projectDir: path.posix.dirname(first) };
  const envPath = source.envFile ?? path.posix.join(stack.projectDir, ".env");
  const envText = files.get(envPath);
  if (source.envFile !== undefined && envText === undefined) {
    const message = `the env file ${source.envFile} is not among the stack's files`;
    return { problems: [{ file: source.envFile, line: 1, column: 1, message }], plan: null };
  }
  const composeFiles = new Set(source.composeFiles);
  const loaded = loadProject({
    files: source.composeFiles.map((file) => ({ file, text: files.get(file) ?? "" })),
    ...(envText !== undefined && { dotenv: { file: envPath, text: envText } }),
    environment: source.environment,
    ...(source.profiles.length > 0 && { profiles: source.profiles }),
    // extends.file is written relative to the project folder
    extendsFiles: source.files
      .filter((file) => !composeFiles.has(file.path) && /\.ya?ml$/.test(file.path))
      .map((file) => ({
        file: path.posix.relative(stack.projectDir, file.path),
        text: file.content,
      })),
    stack,
  });
  if (!loaded.ok) return { problems: loaded.errors, plan: null };
  try {
    const plan = compileLoaded(source, loaded.project, stack, stacksDir);
    plan.warnings.unshift(
      ...loaded.warnings.map((w) => `${w.file}:${w.line}:${w.column}: ${w.message}`),
    );
    return { problems: [], plan };
  } catch (error) {
    if (!(error instanceof ComposeFieldError)) throw error;
    return { problems: [loaded.locate(error.path, error.message, error.atKey)], plan: null };
  }
}

function compileLoaded(
  source: ComposeSource,
  project: LoadedProject,
  stack: StackFiles,
  stacksDir: string,
): ComposePlan {
  const name = source.project;
  if (project.name !== undefined && project.name !== name) {
    throw new ComposeFieldError(
      ["name"],
      `the file names the project ${project.name}, but the stack is ${name}`,
    );
  }
  const workingDir = path.join(stacksDir, name);
  const networks = compileNetworks(name, project.networks);
  const volumes = compileVolumes(name, project.volumes);
  const context: RunSpecContext = {
    project: name,
    serviceName: "",
    workingDir,
    stack,
    volumeNames: Object.fromEntries(volumes.map((volume) => [volume.key, volume.name])),
    networkNames: Object.fromEntries(networks.map((network) => [network.key, network.name])),
    containerOf: (other) => {
      const service = project.services[other];
      if (!service) return undefined;
      return typeof service.container_name === "string"
        ? service.container_name
        : `${name}-${other}-1`;
    },
  };
  const warnings: string[] = [];
  const services = Object.entries(project.services).map(([serviceName, service]) => {
    warnings.push(...checkUnsupported(serviceName, service));
    return compileService(serviceName, service, project, { ...context, serviceName });
  });
  return {
    project: name,
    workingDir,
    configFiles: source.composeFiles.map((file) => path.join(workingDir, file)),
    services,
    networks,
    volumes: [...volumes, ...compileAnonymousVolumes(name, services, volumes)],
    disabledServices: project.disabledServices,
    warnings,
  };
}

function compileService(
  name: string,
  service: ComposeService,
  project: LoadedProject,
  context: RunSpecContext,
): ComposePlannedService {
  const path = ["services", name];
  const build = compileBuild(name, service, context.stack);
  if (service.image === undefined && !build) {
    throw new ComposeFieldError(path, `service ${name} has neither an image nor a build`, {
      atKey: true,
    });
  }
  const implicit: Record<string, ComposeDependency> = {};
  const spec = compileRunSpec(name, service, context, implicit);
  const files = compileFileMounts(name, service, project.configs, project.secrets);
  const containerName =
    typeof service.container_name === "string" ? service.container_name : undefined;
  const replicas = replicasOf(name, service, containerName !== undefined);
  return {
    name,
    spec,
    replicas,
    ...(containerName !== undefined && { containerName }),
    configHash: configHash(
      service,
      files.map((file) => `${file.target}\n${file.content}`),
    ),
    dependsOn: { ...implicit, ...service.depends_on },
    ...(build && { build }),
    pullPolicy: pullPolicyOf(service.pull_policy, service.image === undefined),
    files,
  };
}

/** `scale` or `deploy.replicas` (they must agree), 1 by default; container_name allows one. */
function replicasOf(name: string, service: ComposeService, named: boolean): number {
  const path = ["services", name];
  const deployReplicas = (service.deploy as Record<string, unknown> | undefined)?.replicas;
  const scale = service.scale;
  if (typeof scale === "number" && typeof deployReplicas === "number" && scale !== deployReplicas) {
    throw new ComposeFieldError(
      [...path, "scale"],
      "can't set distinct values on 'scale' and 'deploy.replicas'",
    );
  }
  const replicas =
    typeof scale === "number" ? scale : typeof deployReplicas === "number" ? deployReplicas : 1;
  if (replicas < 0 || replicas > 100) {
    throw new ComposeFieldError(
      [...path, typeof scale === "number" ? "scale" : "deploy"],
      "replicas must be between 0 and 100",
    );
  }
  if (named && replicas > 1) {
    throw new ComposeFieldError(
      [...path, "container_name"],
      `service ${name} has a container_name, so it cannot run ${replicas} replicas`,
    );
  }
  return replicas;
}

/** compose's pull policies; a service with only a build is built rather than pulled. */
function pullPolicyOf(value: unknown, buildOnly: boolean): ComposePlannedService["pullPolicy"] {
  if (value === "always" || value === "never" || value === "build" || value === "missing")
    return value;
  if (value === "if_not_present") return "missing";
  return buildOnly ? "build" : "missing";
}
