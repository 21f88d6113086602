import { z } from "zod";
import {
  AutoUpdatePolicyInputSchema,
  AutoUpdatePolicyViewSchema,
  ContainerUpdateInputSchema,
  ContainerUpdateResultSchema,
  ImageUpdateCheckInputSchema,
  ImageUpdateViewSchema,
  WireErrorSchema,
} from "@/lib/protocol";
import type { checkImageUpdates } from "@/lib/services/image-updates/check-image-updates";
import { AutoUpdateQuerySchema } from "@/lib/services/image-updates/list-auto-update-policies";
import { ImageUpdateQuerySchema } from "@/lib/services/image-updates/list-image-updates";
import { AutoUpdatePolicyPatchSchema } from "@/lib/services/image-updates/update-auto-update-policy";
import type { OpenApiKit } from "./openapi-volumes";

const ImageUpdateListSchema = z.object({ checks: z.array(ImageUpdateViewSchema) });
const ImageUpdateCheckResultSchema = ImageUpdateListSchema.extend({
  failed: z
    .array(z.object({ hostId: z.string(), error: z.string() }))
    .describe("hosts that could not be checked (checking all hosts only)"),
});

// The schema above must describe what the service really returns.
type Describes<S extends z.ZodType, T> = T extends z.infer<S> ? true : never;
const described: [
  Describes<typeof ImageUpdateCheckResultSchema, Awaited<ReturnType<typeof checkImageUpdates>>>,
] = [true];
void described;

const CONTAINER = {
  name: "containerId",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "A container id or name.",
};
const POLICY = {
  name: "policyId",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "An auto-update policy's id from GET /auto-updates.",
};

/** The image update operations of /api/v1, from the schemas the services validate with. */
export function imageUpdatePaths(kit: OpenApiKit) {
  const { schema, json, queryParameters, errors, host } = kit;
  const failed = (description: string) => json(z.object({ error: WireErrorSchema }), description);
  const jsonBody = (s: z.ZodType) => ({
    required: true,
    content: { "application/json": { schema: schema(s, "input") } },
  });
  const hostErrors = {
    "502": failed("The engine, the host's agent or the registry failed."),
    "503": failed("The host is offline."),
  };
  return {
    "/image-updates": {
      get: {
        summary: "What the last image update checks found",
        description:
          "VIEWER (image.read). Per host and image reference (normalised: docker.io/library/nginx:1.27) the local image's registry digest, the registry's digest for the tag, and the containers made from it (with update_available: those still on an older image). Status local_only: a digest-pinned reference or an image never pulled or pushed (nothing to compare). Hosts are checked every BERTH_IMAGE_CHECK_INTERVAL_MS (default 6 h) and soon after their agent connects.",
        operationId: "listImageUpdates",
        parameters: queryParameters(ImageUpdateQuerySchema),
        responses: { "200": json(ImageUpdateListSchema, "The checks."), ...errors },
      },
    },
    "/image-updates/check": {
      post: {
        summary: "Check for image updates now",
        description:
          "DEPLOYER (image.pull). One host, or every online host the caller may pull on. Registries are asked with HEAD on the tag's manifest using the stored registry credentials; an answer younger than 60 s is reused, and a registry that answered 429 is not asked again before its Retry-After (status error: rate limited until …). Audited as image.update-check.",
        operationId: "checkImageUpdates",
        requestBody: jsonBody(ImageUpdateCheckInputSchema),
        responses: {
          "200": json(ImageUpdateCheckResultSchema, "The checks of the hosts asked."),
          ...hostErrors,
          ...errors,
        },
      },
    },
    "/hosts/{hostId}/containers/{containerId}/update": {
      post: {
        summary: "Update a container to the newest image of its tag",
        description:
          "DEPLOYER (container.create and image.pull), and the container must pass the host's security policy for the caller's role. Pulls the tag with the caller's registry credentials; when it names a new image, recreates the container with the same configuration (name, networks, volumes, labels) and waits for it to keep running, and to turn healthy when it has a healthcheck (healthTimeoutSeconds). When the new container fails, the old one keeps running, the tag is pointed back at the old image and the outcome is rolled_back with the reason. Audited as container.update with the outcome and both image ids.",
        operationId: "updateContainer",
        parameters: [host, CONTAINER],
        requestBody: jsonBody(ContainerUpdateInputSchema),
        responses: {
          "200": json(ContainerUpdateResultSchema, "updated, up_to_date or rolled_back."),
          "400": failed("The container was made from an image id or a pinned digest."),
          ...hostErrors,
          ...errors,
        },
      },
    },
    "/auto-updates": {
      get: {
        summary: "Automatic update policies",
        description:
          "VIEWER. Automatic updates are off unless a policy exists: one container by name, or every running container with a label (key, or key=value), on a host, on a cron schedule.",
        operationId: "listAutoUpdatePolicies",
        parameters: queryParameters(AutoUpdateQuerySchema),
        responses: {
          "200": json(z.object({ policies: z.array(AutoUpdatePolicyViewSchema) }), "Policies."),
          ...errors,
        },
      },
      post: {
        summary: "Update containers automatically on a schedule",
        description:
          "DEPLOYER (container.create). cron: croner syntax, 5 fields or 6 with seconds first, in the server's time zone. Each run checks the host's images and updates the policy's containers that have an update, with the role on the host of the user who last saved the policy as it is at the run (refused and audited DENIED when they lost it). Runs are audited as autoupdate.run by actor schedule; their outcome is kept on the policy (lastOutcome, lastOk).",
        operationId: "createAutoUpdatePolicy",
        requestBody: jsonBody(AutoUpdatePolicyInputSchema),
        responses: {
          "201": json(AutoUpdatePolicyViewSchema, "Created."),
          "400": failed("Not valid; error.field names the field."),
          ...errors,
        },
      },
    },
    "/auto-updates/{policyId}": {
      patch: {
        summary: "Change a policy's schedule, or switch it on or off",
        description:
          "DEPLOYER on the policy's host. The caller becomes the user whose role the runs use.",
        operationId: "updateAutoUpdatePolicy",
        parameters: [POLICY],
        requestBody: jsonBody(AutoUpdatePolicyPatchSchema),
        responses: {
          "200": json(AutoUpdatePolicyViewSchema, "The policy as saved."),
          "400": failed("Not valid; error.field names the field."),
          ...errors,
        },
      },
      delete: {
        summary: "Remove a policy (automatic updates off)",
        description: "DEPLOYER on the policy's host.",
        operationId: "deleteAutoUpdatePolicy",
        parameters: [POLICY],
        responses: { "200": json(z.object({ ok: z.literal(true) }), "Removed."), ...errors },
      },
    },
  };
}
