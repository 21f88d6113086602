import path from "node:path";
import type { ComposeBuild, ComposeService } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import { toKeyValues } from "./normalize-service";
import { resolveStackPath, type StackFiles } from "./stack-files";

type Mapping = Record<string, unknown>;

/**
 * `build:` with its context as a folder of the stack: the engine builds from a tar of the stack's
 * files there, so a remote context or one outside the stack is refused, and so is a Dockerfile
 * the stack does not hold.
 */
export function compileBuild(
  name: string,
  service: ComposeService,
  stack: StackFiles,
): ComposeBuild | undefined {
  const value = service.build;
  if (value === undefined || value === null) return undefined;
  const at = ["services", name, "build"];
  const build = (typeof value === "string" ? { context: value } : value) as Mapping;
  const written = String(build.context ?? ".");
  if (/^[a-z]+:\/\/|^git@|\.git(#|$)/i.test(written)) {
    throw new ComposeFieldError(
      [...at, "context"],
      `remote build contexts are not supported; add the files to the stack`,
    );
  }
  const context = resolveStackPath(stack, written);
  if ("error" in context)
    throw new ComposeFieldError([...at, "context"], `build context ${context.error}`);
  const dockerfile = String(build.dockerfile ?? "Dockerfile");
  const inline = typeof build.dockerfile_inline === "string" ? build.dockerfile_inline : undefined;
  if (inline === undefined) {
    const dockerfilePath = path.posix.normalize(path.posix.join(context.path, dockerfile));
    if (!stack.files.has(dockerfilePath)) {
      throw new ComposeFieldError(
        [...at, build.dockerfile === undefined ? "context" : "dockerfile"],
        `${dockerfilePath} is not among the stack's files`,
      );
    }
  }
  const pairs = (key: string) =>
    Object.fromEntries(
      toKeyValues(build[key], [...at, key]).flatMap(([k, v]) => (v === null ? [] : [[k, v]])),
    ) as Record<string, string>;
  return {
    context: context.path,
    dockerfile,
    ...(inline !== undefined && { dockerfileInline: inline }),
    args: pairs("args"),
    ...(typeof build.target === "string" && { target: build.target }),
    labels: pairs("labels"),
    noCache: build.no_cache === true,
    pull: build.pull === true,
  };
}
