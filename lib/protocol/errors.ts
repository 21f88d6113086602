import { z } from "zod";
import { PolicyViolationSchema, type PolicyViolation } from "./policy";

export const ErrorCodeSchema = z.enum([
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "HOST_OFFLINE",
  "TIMEOUT",
  "ENGINE_ERROR",
  "ENGINE_UNAVAILABLE",
  "PROTOCOL_MISMATCH",
  "INTERNAL",
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const WireErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** The form field the error is about, when there is one. */
  field: z.string().optional(),
  /** Every setting a host security policy refused, each next to its field (the first is `field`). */
  violations: z.array(PolicyViolationSchema).optional(),
});
export type WireError = z.infer<typeof WireErrorSchema>;

const BRAND = Symbol.for("berth.error");

/** An error that crosses a process boundary with a code a caller can act on. */
export class BerthError extends Error {
  readonly [BRAND] = true;

  /**
   * The custom server and the Next.js app are separate bundles in one process, each with its own
   * copy of this class: `instanceof` checks the brand so errors thrown in one are known in the other.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && BRAND in value;
  }

  /**
   * Someone else answered with this error (a host's agent or engine, a registry): a FORBIDDEN or
   * NOT_FOUND is then about their objects and credentials, not Berth refusing the caller.
   */
  readonly external: boolean;

  /** Policy refusals: every refused setting, so a form can show each next to its field. */
  readonly violations: PolicyViolation[] | undefined;

  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly field?: string,
    options: { external?: boolean; violations?: PolicyViolation[] } = {},
  ) {
    super(message);
    this.name = "BerthError";
    this.external = options.external ?? false;
    this.violations = options.violations;
  }

  /** An error the host answered with. */
  static fromHost(error: WireError): BerthError {
    return new BerthError(error.code, error.message, error.field, {
      external: true,
      violations: error.violations,
    });
  }

  toWire(): WireError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.violations ? { violations: this.violations } : {}),
    };
  }
}

/** A failed validation names at most this many problems: enough to act on, short enough to read. */
const MAX_PROBLEMS = 5;

/**
 * A failed validation in words, each problem after the field it concerns
 * ("tail: Too big: expected number to be <=10000000; id: …"); a problem with the input as a whole
 * is its message alone. The one wording for HTTP answers, socket acks and the agent's replies.
 */
export function describeValidationError(error: z.ZodError): string {
  return error.issues
    .slice(0, MAX_PROBLEMS)
    .map((issue) =>
      issue.path.length > 0
        ? `${issue.path.map(String).join(".")}: ${issue.message}`
        : issue.message,
    )
    .join("; ");
}

/** A failed validation as the BAD_REQUEST a caller gets, with the first problem's field. */
export function validationWireError(error: z.ZodError): WireError {
  const field = error.issues[0]?.path[0];
  return {
    code: "BAD_REQUEST",
    message: describeValidationError(error),
    ...(typeof field === "string" ? { field } : {}),
  };
}
