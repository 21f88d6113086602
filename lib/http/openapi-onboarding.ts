import { z } from "zod";
import {
  RemoveHostRequestSchema,
  RemoveHostResultSchema,
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
          "ADMIN. Connects with the accepted fingerprint pinned (another key answers 409 before anything runs), checks the system and architecture, installs Debian's docker.io when no engine runs (Debian and Ubuntu only), copies and installs the agent executable with its own one-time token and answers when the host is online, with every step's output. The credential is used for this run only unless keepCredential is set (then sealed for a later uninstall); it is never returned. A machine onboarded before gets its host re-enrolled (`reinstalled`), not a second host.",
        operationId: "addHostOverSsh",
        requestBody: body(SshOnboardRequestSchema),
        responses: {
          "201": json(SshOnboardResultSchema, "The host is online."),
          "400": failed("Not valid; error.field names the field."),
          "409": failed("The host presented another key than the accepted one."),
          "503": failed(
            "The host could not be reached, the connection was lost, or it has no engine Berth can install.",
          ),
          "504": failed("The agent was installed but did not connect in time."),
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
