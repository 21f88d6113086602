import { z } from "zod";
import {
  ComposePlanResultSchema,
  ComposeProjectSummarySchema,
  ComposeStepSchema,
  ComposeStepsResultSchema,
  StackFileSchema,
  WireErrorSchema,
} from "@/lib/protocol";
import { StackTemplateSchema } from "@/lib/stacks/templates/stack-template";
import type { CreatedStack } from "@/lib/services/stacks/create-stack";
import type { StackTemplateList } from "@/lib/services/stacks/list-stack-templates";
import type { StackPlanPreview } from "@/lib/services/stacks/plan-stack";
import type { StackDetail, StackRow } from "@/lib/services/stacks/stack-row";
import {
  StackAdoptSchema,
  StackCreateSchema,
  StackDeploySchema,
  StackDownSchema,
  StackLifecycleSchema,
  StackPlanSchema,
  StackRemoveQuerySchema,
  StackUpdateSchema,
} from "@/lib/services/stacks/stack-input";
import type { OpenApiKit } from "./openapi-volumes";

const StackDeployOutcomeSchema = z.object({
  at: z.string().describe("ISO 8601"),
  by: z.string().nullable(),
  ok: z.boolean(),
  error: z.string().nullable().describe("which service failed and why"),
  commit: z.string().nullable().describe("git stacks: the commit deployed"),
});
const StackRowSchema = z.object({
  id: z
    .string()
    .nullable()
    .describe("null for a project found on the host that is not saved (adoptable)"),
  hostId: z.string(),
  hostName: z.string(),
  hostOnline: z.boolean(),
  name: z.string().describe("the compose project name"),
  source: z.enum(["editor", "git", "template", "discovered"]),
  state: z
    .enum(["running", "partial", "stopped", "not deployed", "unknown"])
    .describe("unknown: the host is offline or its agent did not answer"),
  services: z.number().int(),
  containers: z.object({ running: z.number().int(), total: z.number().int() }),
  lastDeploy: StackDeployOutcomeSchema.nullable(),
  updatedAt: z.string().nullable(),
});
const StackGitSourceSchema = z.object({
  url: z.string(),
  branch: z.string(),
  path: z.string(),
  auth: z.enum(["none", "token", "ssh"]),
  pollSeconds: z.number().int().nullable(),
  commit: z.string().nullable(),
  lastFetchError: z.string().nullable(),
  webhookPath: z.string().nullable(),
});
const StackDetailSchema = z.object({
  row: StackRowSchema,
  files: z
    .array(StackFileSchema)
    .describe(
      "compose files in merge order, then the others; below DEPLOYER only the compose files",
    ),
  withheldFiles: z.array(z.string()).describe("files whose content needs DEPLOYER (.env, secrets)"),
  composeFiles: z.array(z.string()),
  envFile: z.string().nullable(),
  profiles: z.array(z.string()),
  git: StackGitSourceSchema.nullable(),
  project: ComposeProjectSummarySchema.nullable().describe(
    "what runs on the host under the stack's name; null when not deployed or the host cannot say",
  ),
  canDeploy: z.boolean(),
});
const StackRefusalSchema = z.object({
  service: z.string().describe("the service, or networks.<key> / volumes.<key>"),
  field: z.string().describe("the run spec field refused"),
  message: z.string(),
  rule: z.string(),
});
const StackPlanPreviewSchema = ComposePlanResultSchema.extend({
  refusals: z.array(StackRefusalSchema),
});
const CreatedStackSchema = z.object({
  id: z.string(),
  steps: z.array(ComposeStepSchema).optional(),
  deployError: WireErrorSchema.optional().describe("deploying at once failed; the stack is saved"),
  webhookPath: z
    .string()
    .optional()
    .describe("git stacks: the webhook URL's path, /api/stacks/hooks/<secret> (a credential)"),
});
const StackTemplateListSchema = z.object({
  templates: z.array(StackTemplateSchema),
  message: z
    .string()
    .optional()
    .describe("the catalogue could not be read (administrators get the error instead)"),
});

// The schemas above must describe what the services really return.
type Describes<S extends z.ZodType, T> = T extends z.infer<S> ? true : never;
const described: [
  Describes<typeof StackRowSchema, StackRow>,
  Describes<typeof StackDetailSchema, StackDetail>,
  Describes<typeof StackPlanPreviewSchema, StackPlanPreview>,
  Describes<typeof CreatedStackSchema, CreatedStack>,
  Describes<typeof StackTemplateListSchema, StackTemplateList>,
] = [true, true, true, true, true];
void described;

const ID = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "A saved stack's id from GET /stacks.",
};

/** The stack operations of /api/v1, from the schemas the services validate with. */
export function stackPaths(kit: OpenApiKit) {
  const { schema, json, queryParameters, errors } = kit;
  const failed = (description: string) => json(z.object({ error: WireErrorSchema }), description);
  const jsonBody = (s: z.ZodType) => ({
    required: true,
    content: { "application/json": { schema: schema(s, "input") } },
  });
  const policy =
    "Every service's run spec is judged by the host security policy for the caller's role (binds from the stack's own folder on the host are allowed, judged where they really lead), every network to create by the network policy and every bind-like local volume like a bind.";
  const steps = json(ComposeStepsResultSchema, "Every step, in order.");
  const hostErrors = {
    "502": failed("The engine or the host's agent failed; the message names the service."),
    "503": failed("The host is offline."),
  };
  return {
    "/stacks": {
      get: {
        summary: "Compose stacks on every host the caller may see",
        description:
          "VIEWER. Saved stacks with what runs under their name, and compose projects found on the hosts by their com.docker.compose labels that no saved stack names (id null: adoptable). An offline host's saved stacks have state unknown.",
        operationId: "listStacks",
        responses: {
          "200": json(z.object({ stacks: z.array(StackRowSchema) }), "Stacks."),
          ...errors,
        },
      },
      post: {
        summary: "Save a stack on a host, and deploy it with deploy: true",
        description: `DEPLOYER. Project names are lowercase letters, digits, '_' and '-'; file paths are relative to the stack's folder ('..', absolute paths, NUL and backslashes are refused). With templateId the catalogue's template is filled in with variables on the server (secret ones are kept sealed, passed on every deploy and never sent back; the files sent are ignored); without it, variables are written into the env file. With git the branch is fetched first (https with a token, ssh with a key; the files sent are ignored; the compose file's folder is the stack's folder; an ssh host key is pinned on first use); a failing fetch saves nothing and error.field names the git field. A git stack's answer carries its webhook path, and the caller's role is the one its webhook and poll redeploys act with. ${policy}`,
        operationId: "createStack",
        requestBody: jsonBody(StackCreateSchema),
        responses: {
          "201": json(CreatedStackSchema, "Saved (and deployed, or why not)."),
          "400": failed("Not valid; error.field names the field."),
          "409": failed("The host has a stack of that name."),
          ...errors,
        },
      },
    },
    "/stacks/plan": {
      post: {
        summary: "Preview a deploy: the compiled plan, what would change, what the policy refuses",
        description: `DEPLOYER. Saved or unsaved files; changes nothing. Problems in the files come with file, line and column. ${policy} Refusals are listed, not thrown.`,
        operationId: "planStack",
        requestBody: jsonBody(StackPlanSchema),
        responses: {
          "200": json(StackPlanPreviewSchema, "The preview."),
          ...hostErrors,
          ...errors,
        },
      },
    },
    "/stacks/adopt": {
      post: {
        summary: "Make a compose project found on a host a saved stack",
        description:
          "DEPLOYER. The project keeps running; its files are not read from the host (its labels can name any path there): the stack starts with a compose file that says where the project came from.",
        operationId: "adoptStack",
        requestBody: jsonBody(StackAdoptSchema),
        responses: {
          "201": json(z.object({ id: z.string() }), "Adopted."),
          "409": failed("A saved stack has that name."),
          ...hostErrors,
          ...errors,
        },
      },
    },
    "/stacks/{id}": {
      get: {
        summary: "One stack: its files, git settings and what runs on the host",
        description:
          "VIEWER. Files other than the compose files (.env, env_files, secrets, configs) need DEPLOYER and are named in withheldFiles. Git tokens and keys are never sent.",
        operationId: "getStack",
        parameters: [ID],
        responses: { "200": json(StackDetailSchema, "The stack."), ...errors },
      },
      put: {
        summary: "Save a stack's files and settings",
        description:
          "DEPLOYER. The host and project name stay. Nothing changes on the host until the next deploy. git: null makes a git stack an editor stack; a git secret left out keeps the stored one. New git settings are fetched before they are saved (a failure saves nothing) and make the caller the user whose role webhook and poll redeploys use; a git stack's files come from its repository (those sent are ignored).",
        operationId: "updateStack",
        parameters: [ID],
        requestBody: jsonBody(StackUpdateSchema),
        responses: {
          "200": json(StackDetailSchema, "The stack as saved."),
          "400": failed("Not valid; error.field names the field."),
          ...errors,
        },
      },
      delete: {
        summary: "Forget a stack, optionally taking it down first",
        description:
          "DEPLOYER. Without down=1 what runs on the host stays (and is listed as a discovered project). With down=1 the project's containers, networks and folder go first, its named volumes too with volumes=1; if that fails the stack is kept.",
        operationId: "removeStack",
        parameters: [ID, ...queryParameters(StackRemoveQuerySchema)],
        responses: {
          "200": json(z.object({ ok: z.literal(true) }), "Removed."),
          ...hostErrors,
          ...errors,
        },
      },
    },
    "/stacks/{id}/deploy": {
      post: {
        summary: "Deploy: create what is missing, recreate services whose configuration changed",
        description: `DEPLOYER. A git stack fetches its branch first (pull and redeploy) unless fetch is false; a failing fetch stops the deploy, is kept as git.lastFetchError and error.field names the git field. ${policy} A refusal answers 403 with error.violations (field <service>.<run spec field>) and nothing reaches the engine. The outcome, failed or not, is kept on the stack with the commit deployed.`,
        operationId: "deployStack",
        parameters: [ID],
        requestBody: jsonBody(StackDeploySchema),
        responses: {
          "200": steps,
          "400": failed("The files do not load (file:line:column in the message)."),
          ...hostErrors,
          ...errors,
        },
      },
    },
    "/stacks/templates": {
      get: {
        summary: "The stack template catalogue",
        description:
          "Any signed-in user. The templates of the catalogue file the administrator chose (BERTH_STACK_TEMPLATES) or the shipped one. An invalid file is an error for administrators and an empty list with a message for everyone else. Create a stack from one with POST /stacks and templateId.",
        operationId: "listStackTemplates",
        responses: { "200": json(StackTemplateListSchema, "The catalogue."), ...errors },
      },
    },
    "/stacks/{id}/webhook": {
      post: {
        summary: "Make a new webhook URL for a git stack",
        description:
          "DEPLOYER. The old URL stops working at once. A git server calls POST /api/stacks/hooks/<secret> (no session or token: the secret is the credential); it answers 202 at once and, in the background, fetches the branch and redeploys when its commit is not the one deployed, with the role on the host of the user who last saved the git settings (refused when that user lost it), audited as stack.deploy by actor webhook. An unknown secret is 404.",
        operationId: "regenerateStackWebhook",
        parameters: [ID],
        responses: {
          "200": json(z.object({ webhookPath: z.string() }), "The new URL's path."),
          "400": failed("The stack is not kept in git."),
          ...errors,
        },
      },
    },
    "/stacks/{id}/{action}": {
      post: {
        summary: "Start, stop or restart a stack's containers, or take it down",
        description:
          "DEPLOYER. start, stop and restart (body: services, all when absent) follow the dependency order; down (body: removeVolumes) removes the containers, networks and the stack's folder, and the named volumes when asked. The saved stack stays.",
        operationId: "stackAction",
        parameters: [
          ID,
          {
            name: "action",
            in: "path",
            required: true,
            schema: { type: "string", enum: ["start", "stop", "restart", "down"] },
          },
        ],
        requestBody: {
          required: false,
          content: {
            "application/json": {
              schema: {
                oneOf: [schema(StackLifecycleSchema, "input"), schema(StackDownSchema, "input")],
              },
            },
          },
        },
        responses: { "200": steps, ...hostErrors, ...errors },
      },
    },
  };
}
