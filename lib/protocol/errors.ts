import { z } from "zod";

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
});
export type WireError = z.infer<typeof WireErrorSchema>;

/** An error that crosses a process boundary with a code a caller can act on. */
export class BerthError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "BerthError";
  }

  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}
