import { z } from "zod";
import { isPathSafeName } from "./engine-paths";

/** An image id, digest or name[:tag] as the engine accepts it on one host. */
export const ImageRefSchema = z
  .string()
  .trim()
  .min(1, "Name an image.")
  .max(512)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/@-]*$/, "Not an image id or name.")
  .refine(isPathSafeName, "Not an image id or name.");

/** `repository` as `docker tag` accepts it: lowercase path components, optional registry host. */
export const RepositorySchema = z
  .string()
  .trim()
  .min(1, "Name a repository.")
  .max(255)
  .regex(
    /^([a-zA-Z0-9][a-zA-Z0-9.-]*(:[0-9]+)?\/)?[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
    "Not a valid repository name (lowercase letters, digits, . _ - and /).",
  );

export const TagSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "Not a valid tag.");

/** "repository[:tag]": the tag defaults to latest, as with the CLI. */
export const ImageNameSchema = z
  .string()
  .trim()
  .min(1, "Name an image.")
  .max(512)
  .transform((value, ctx) => {
    const parsed = splitImageName(value);
    if (
      !RepositorySchema.safeParse(parsed.repository).success ||
      !TagSchema.safeParse(parsed.tag).success
    ) {
      ctx.addIssue({ code: "custom", message: "Not a valid image name (repository[:tag])." });
      return z.NEVER;
    }
    return `${parsed.repository}:${parsed.tag}`;
  });

/** Splits "host:5000/repo:tag" at the tag's colon (a colon before the last "/" is a port). */
export function splitImageName(name: string): { repository: string; tag: string } {
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  if (colon > slash) return { repository: name.slice(0, colon), tag: name.slice(colon + 1) };
  return { repository: name, tag: "latest" };
}

/** The registry host of a repository ("docker.io" when it has none), as the CLI decides it. */
export function registryHostOf(repository: string): string {
  const slash = repository.indexOf("/");
  if (slash < 0) return "docker.io";
  const first = repository.slice(0, slash);
  if (first.includes(".") || first.includes(":") || first === "localhost") {
    return first === "index.docker.io" ? "docker.io" : first;
  }
  return "docker.io";
}

/** One row of the image list, as the agent reports it. */
export const ImageSummarySchema = z.object({
  id: z.string(),
  /** "repo:tag" names; empty for a dangling image. */
  tags: z.array(z.string()),
  digests: z.array(z.string()),
  createdAt: z.number(),
  size: z.number(),
  /** Containers (any state) made from this image. */
  containers: z.array(z.object({ id: z.string(), name: z.string() })),
  dangling: z.boolean(),
  labels: z.record(z.string(), z.string()),
});
export type ImageSummary = z.infer<typeof ImageSummarySchema>;

/** One layer of `docker history`. */
export const ImageLayerSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  createdBy: z.string(),
  size: z.number(),
  comment: z.string(),
  tags: z.array(z.string()),
});
export type ImageLayer = z.infer<typeof ImageLayerSchema>;

export const ImageTagParamsSchema = z.object({
  id: ImageRefSchema,
  repository: RepositorySchema,
  tag: TagSchema.default("latest"),
});

export const ImageRemoveParamsSchema = z.object({
  id: ImageRefSchema,
  force: z.boolean().default(false),
  /** Keep untagged parent images (the CLI's --no-prune). */
  noPrune: z.boolean().default(false),
});

export const ImagePruneParamsSchema = z.object({
  /** false: dangling images only (`docker image prune`); true: every unused one (`-a`). */
  all: z.boolean().default(false),
});
export const ImagePruneResultSchema = z.object({
  deleted: z.array(z.string()),
  spaceReclaimed: z.number(),
});
export type ImagePruneResult = z.infer<typeof ImagePruneResultSchema>;

/**
 * Registry credentials for one pull, push or build, as the Engine API's X-Registry-Auth wants
 * them. Sent to the agent inside that command only; the agent neither stores nor logs them.
 */
export const RegistryAuthSchema = z.object({
  serveraddress: z.string().max(500),
  username: z.string().max(500).optional(),
  password: z.string().max(10_000).optional(),
  identitytoken: z.string().max(10_000).optional(),
});
export type RegistryAuth = z.infer<typeof RegistryAuthSchema>;

export const ImagePullParamsSchema = z.object({
  image: ImageNameSchema,
  auth: RegistryAuthSchema.optional(),
});

export const ImagePushParamsSchema = z.object({
  image: ImageNameSchema,
  auth: RegistryAuthSchema.optional(),
});
export const ImagePushResultSchema = z.object({ digest: z.string().nullable() });

const KeyValue = z.record(
  z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^=\s]+$/, "A name cannot contain '=' or spaces."),
  z.string().max(10_000),
);

/** Everything `docker build` takes besides the context. */
export const BuildOptionsSchema = z.object({
  tags: z.array(ImageNameSchema).max(20).default([]),
  dockerfile: z.string().trim().min(1).max(500).default("Dockerfile"),
  buildArgs: KeyValue.default({}),
  labels: KeyValue.default({}),
  target: z.string().trim().max(200).optional(),
  noCache: z.boolean().default(false),
  pull: z.boolean().default(false),
});
export type BuildOptions = z.infer<typeof BuildOptionsSchema>;
export type BuildOptionsInput = z.input<typeof BuildOptionsSchema>;

export const ImageBuildParamsSchema = z.object({
  /** The upload that carries the context tar (see AgentUploads). */
  uploadId: z.string().min(1).max(100),
  options: BuildOptionsSchema,
  /** Credentials of the registries the Dockerfile's FROM lines may pull from. */
  auths: z.array(RegistryAuthSchema).max(20).default([]),
});

export const ImageBuildResultSchema = z.object({
  imageId: z.string(),
  tags: z.array(z.string()),
  size: z.number(),
  layers: z.number(),
  /** Steps the engine took from its cache. */
  cachedSteps: z.number(),
  steps: z.number(),
});
export type ImageBuildResult = z.infer<typeof ImageBuildResultSchema>;

export const ImageLoadParamsSchema = z.object({ uploadId: z.string().min(1).max(100) });
export const ImageLoadResultSchema = z.object({ loaded: z.array(z.string()) });
