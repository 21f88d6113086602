import { z } from "zod";
import { CreateEnrollmentSchema } from "./users";

/**
 * Adding a host over SSH. The browser first asks for the host key (shown as OpenSSH prints its
 * fingerprint), the admin accepts it, then onboarding runs with that fingerprint pinned: a host
 * that presents any other key is refused before anything runs.
 */

/** A host name or an IPv4/IPv6 address: nothing a shell or an SSH option could read otherwise. */
export const SshAddressSchema = z
  .string()
  .trim()
  .min(1, "Enter the host's address.")
  .max(253, "Use at most 253 characters.")
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|[0-9A-Fa-f:.]+)$/,
    "Use a host name or an IP address.",
  );

export const SshPortSchema = z.coerce
  .number()
  .int("Use a whole number.")
  .min(1, "Use a port from 1 to 65535.")
  .max(65535, "Use a port from 1 to 65535.");

/** A POSIX login name. */
export const SshUserSchema = z
  .string()
  .trim()
  .min(1, "Enter the user to sign in as.")
  .regex(/^[a-z_][a-z0-9_.-]{0,31}$/, "Use a login name: lower-case letters, digits, _ . -");

/** SHA256:<43 base64 characters>, as `ssh-keygen -l` and OpenSSH's prompts print it. */
export const SshFingerprintSchema = z
  .string()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "That is not an SSH key fingerprint.");

export const SshCredentialSchema = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("password"),
    password: z.string().min(1, "Enter the password.").max(1024),
  }),
  z.object({
    method: z.literal("key"),
    privateKey: z
      .string()
      .min(1, "Paste the private key.")
      .max(16384)
      .regex(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "Paste a private key in PEM or OpenSSH form."),
    passphrase: z.string().max(1024).optional(),
  }),
]);
export type SshCredential = z.infer<typeof SshCredentialSchema>;

export const SshHostKeyRequestSchema = z.object({
  address: SshAddressSchema,
  port: SshPortSchema.default(22),
});
export type SshHostKeyRequest = z.infer<typeof SshHostKeyRequestSchema>;

export const SshHostKeySchema = z.object({
  fingerprint: SshFingerprintSchema,
  /** e.g. ssh-ed25519 */
  keyType: z.string(),
  /** A host Berth already onboarded from this machine: running again reinstalls its agent. */
  knownHost: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type SshHostKey = z.infer<typeof SshHostKeySchema>;

export const SshOnboardRequestSchema = z.object({
  hostName: CreateEnrollmentSchema.shape.hostName,
  address: SshAddressSchema,
  port: SshPortSchema.default(22),
  user: SshUserSchema,
  credential: SshCredentialSchema,
  /** The host key fingerprint the admin accepted. */
  fingerprint: SshFingerprintSchema,
  /** Keep the credential (sealed) for later removal; used for this onboarding only otherwise. */
  keepCredential: z.boolean().default(false),
  /** How the host reaches this server; this server's public address by default. */
  serverUrl: z
    .url({ protocol: /^https?$/, error: "Use an http:// or https:// address." })
    .optional(),
  /**
   * The caller's id for this run: its steps stream to the browser as command.progress, and
   * POST /hosts/ssh/cancel with it ends the run.
   */
  callId: z.string().optional(),
});
export type SshOnboardRequest = z.infer<typeof SshOnboardRequestSchema>;

export const CancelOnboardingRequestSchema = z.object({
  /** The callId the run was started with. */
  callId: z.string().min(1).max(100),
});

/** The steps of an onboarding, in order, with the words the browser shows. */
export const ONBOARDING_STEPS = {
  connect: "Connect and check the host key",
  inspect: "Check the operating system and architecture",
  engine: "Container engine",
  upload: "Copy the agent",
  install: "Install the agent",
  online: "Wait for the host to come online",
} as const;
export type OnboardingStep = keyof typeof ONBOARDING_STEPS;

export const OnboardingStepResultSchema = z.object({
  step: z.enum(Object.keys(ONBOARDING_STEPS) as [OnboardingStep, ...OnboardingStep[]]),
  outcome: z.enum(["done", "failed"]),
  /** The step's output as the host printed it (secrets never reach it). */
  output: z.string(),
});
export type OnboardingStepResult = z.infer<typeof OnboardingStepResultSchema>;

export const SshOnboardResultSchema = z.object({
  hostId: z.string(),
  /** True when this machine was onboarded before: its host got a new key, not a second host. */
  reinstalled: z.boolean(),
  steps: z.array(OnboardingStepResultSchema),
});
export type SshOnboardResult = z.infer<typeof SshOnboardResultSchema>;

/**
 * Onboarding progress travels as `command.progress` for the browser's callId: `phase`
 * "onboard.step" with `status` running | done | failed for step changes, "onboard.output" with a
 * chunk of the step's output in `status`, "onboard.upload" with bytes in current/total.
 */
export const ONBOARDING_PHASES = {
  step: "onboard.step",
  output: "onboard.output",
  upload: "onboard.upload",
} as const;

export const RemoveHostRequestSchema = z.object({
  /** Stop and uninstall the agent over SSH before the host is removed. */
  uninstall: z.boolean().default(false),
  /** Needed to uninstall when the onboarding credential was not kept. */
  credential: SshCredentialSchema.optional(),
  callId: z.string().optional(),
});
export type RemoveHostRequest = z.infer<typeof RemoveHostRequestSchema>;

export const RemoveHostResultSchema = z.object({
  removed: z.literal(true),
  /** The uninstaller's output, when it ran. */
  uninstallOutput: z.string().nullable(),
});
export type RemoveHostResult = z.infer<typeof RemoveHostResultSchema>;
