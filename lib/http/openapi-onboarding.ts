import { z } from "zod";
import {
  RemoveHostRequestSchema,
  RemoveHostResultSchema,
  CancelOnboardingRequestSchema,
  SshHostKeyRequestSchema,
  SshHostKeySchema,
  SshOnboardRequestSchema,
  SshOnboardResultSchema,
  WireErrorSchema,
} from "@/lib/protocol";
import type { OpenApiKit } from "./openapi-volumes";

/** Adding hosts over SSH and removing hosts, from the schemas the services validate with. */
export function onboardingPaths(kit: OpenApiKit) {
  const { schema, json, errors } = kit;
  const failed = (description: string) => json(z.object({ error: WireErrorSchema }), description);
  const body = (s: z.ZodType) => ({
    required: true,
    content: { "application/json": { schema: schema(s, "input") } },
  });
  return {
    "/hosts/ssh/host-key": {
      post: {
        summary: "The host key an SSH server presents, to accept before onboarding",
        description:
          "ADMIN. Connects without signing in and answers the key's SHA256 fingerprint as OpenSSH prints it, and the host Berth already onboarded from that machine, if any.",
        operationId: "readSshHostKey",
        requestBody: body(SshHostKeyRequestSchema),
        responses: {
          "200": json(SshHostKeySchema, "The presented key."),
          "400": failed("Not valid; error.field names the field."),
          "503": failed("The address did not answer over SSH."),
          ...errors,
        },
      },
    },
    "/hosts/ssh": {
      post: {
        summary: "Add a host over SSH",
        description:
          "ADMIN. Connects with the accepted fingerprint pinned (another key answers 409 before anything runs), checks the system and architecture, installs Debian's docker.io when no engine runs (Debian and Ubuntu only), copies and installs the agent executable with its own one-time token and answers when the host is online, with every step's output. Each step has a time limit (the engine install a longer one). The credential is used for this run only unless keepCredential is set (then sealed for a later uninstall); it is never returned. A machine onboarded before gets its host re-enrolled (`reinstalled`), not a second host.",
        operationId: "addHostOverSsh",
        requestBody: body(SshOnboardRequestSchema),
        responses: {
          "201": json(SshOnboardResultSchema, "The host is online."),
          "400": failed(
            "Not valid (error.field names the field), or cancelled with POST /hosts/ssh/cancel.",
          ),
          "409": failed("The host presented another key than the accepted one."),
          "503": failed(
            "The host could not be reached, the connection was lost, or it has no engine Berth can install.",
          ),
          "504": failed(
            "A step did not finish within its time limit (the message names it), or the agent was installed but did not connect in time.",
          ),
          ...errors,
        },
      },
    },
    "/hosts/ssh/cancel": {
      post: {
        summary: "Cancel a running SSH onboarding",
        description:
          "ADMIN. Ends the caller's own run started with this callId: its SSH connection is closed, the enrolment token it minted is revoked, and the run answers 400 naming the step it was cancelled in (audited as host.ssh-onboard with cancelled: true).",
        operationId: "cancelSshOnboarding",
        requestBody: body(CancelOnboardingRequestSchema),
        responses: {
          "200": json(z.object({ ok: z.literal(true) }), "The run is being cancelled."),
          "404": failed("Nothing of the caller's runs by that callId."),
          ...errors,
        },
      },
    },
  };
}

/** DELETE /hosts/{hostId}: its place is the host's own path, beside GET. */
export function removeHostOperation(kit: OpenApiKit) {
  const { schema, json, errors, host } = kit;
  const failed = (description: string) => json(z.object({ error: WireErrorSchema }), description);
  return {
    summary: "Remove a host",
    description:
      "ADMIN. Revokes the host's agent key first, whatever happens next. With `uninstall`, the agent is then stopped and removed over SSH through the host key pinned when the host was added over SSH (kept credential, or `credential`); a failed uninstall leaves the host listed with its key revoked.",
    operationId: "removeHost",
    parameters: [host],
    requestBody: {
      required: false,
      content: { "application/json": { schema: schema(RemoveHostRequestSchema, "input") } },
    },
    responses: {
      "200": json(RemoveHostResultSchema, "Removed."),
      "400": failed("Uninstall asked for a host not added over SSH, or without a credential."),
      "409": failed("The host presented another key than the pinned one."),
      ...errors,
    },
  };
}
