import { Readable } from "node:stream";
import {
  BerthError,
  type ComposePlan,
  type ComposePlannedService,
  registryHostOf,
  splitImageName,
  type Progress,
  type RegistryAuth,
  type StackFile,
} from "@/lib/protocol";
import type { CommandContext } from "../../engine/command-types";
import { buildFromContext } from "../../engine/image-build";
import { hasImage, pullImage } from "../../engine/pull-image";
import { buildContextTar } from "./build-context";
import { ComposeLabel, COMPOSE_VERSION } from "./compose-labels";
import type { ComposeSteps, RunningStep } from "./compose-steps";

/** The last non-empty line of some build output. */
const lastLine = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);

/** Build output and pulls while building become notes on the build's step. */
const buildNotes = (step: RunningStep) => (p: Progress) => {
  const line = p.phase === "build" ? lastLine(p.status) : `${p.id ? `${p.id}: ` : ""}${p.status}`;
  if (line) step.note(line);
};

async function imageId(ctx: CommandContext, image: string): Promise<string> {
  const inspect = (await ctx.docker.getImage(image).inspect()) as { Id: string };
  return inspect.Id;
}

/**
 * Gets the service's image as compose does: builds it when its pull policy is "build" (a service
 * with only a build has that policy; the builder's cache keeps an unchanged image's id, so nothing
 * is recreated for it) or when it is missing; pulls it when the policy is "always", when it is
 * missing, or when the deploy asks to pull (unless the policy is "never"). Resolves with the local
 * image id the containers are created from.
 */
export async function ensureServiceImage(
  ctx: CommandContext,
  steps: ComposeSteps,
  plan: ComposePlan,
  service: ComposePlannedService,
  files: StackFile[],
  pullAll: boolean,
  auths: Record<string, RegistryAuth>,
): Promise<string> {
  const { image, platform } = service.spec;
  const { build } = service;
  const policy = service.pullPolicy;
  const present = await hasImage(ctx.docker, image, platform);
  if (build && (policy === "build" || (!present && policy !== "never"))) {
    return steps.run(
      { kind: "image", target: image, service: service.name, action: "Building" },
      async (step) => {
        const { tar, dockerfile } = buildContextTar(files, build);
        const result = await buildFromContext(
          Readable.from([tar]),
          {
            tags: [image],
            dockerfile,
            buildArgs: build.args,
            labels: {
              ...build.labels,
              [ComposeLabel.project]: plan.project,
              [ComposeLabel.service]: service.name,
              [ComposeLabel.version]: COMPOSE_VERSION,
            },
            target: build.target,
            noCache: build.noCache,
            pull: build.pull || pullAll,
          },
          Object.values(auths),
          { ...ctx, emitProgress: buildNotes(step) },
        );
        return result.imageId;
      },
    );
  }
  const pull =
    policy === "always" || (policy !== "never" && policy !== "build" && (pullAll || !present));
  if (!pull) {
    if (!present)
      throw new BerthError(
        "NOT_FOUND",
        `No such image on this host: ${image}. The pull policy "${policy}" does not pull it.`,
      );
    return imageId(ctx, image);
  }
  await steps.run(
    { kind: "image", target: image, service: service.name, action: "Pulling" },
    (step) =>
      pullImage(
        ctx.docker,
        image,
        ctx.socketPath,
        (p) => step.note(`${p.id ? `${p.id}: ` : ""}${p.status}`),
        platform,
        auths[registryHostOf(splitImageName(image).repository)],
      ),
  );
  return imageId(ctx, image);
}
