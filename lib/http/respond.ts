import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { BerthError, validationWireError, type ErrorCode } from "@/lib/protocol";
import { clientAddressFrom } from "./client-address";

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  HOST_OFFLINE: 503,
  TIMEOUT: 504,
  ENGINE_ERROR: 502,
  ENGINE_UNAVAILABLE: 503,
  PROTOCOL_MISMATCH: 400,
  INTERNAL: 500,
};

/** Turns any thrown error into a JSON error body a user can read; internals stay in the log. */
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof BerthError) {
    return NextResponse.json({ error: err.toWire() }, { status: STATUS[err.code] });
  }
  if (err instanceof ZodError) {
    return NextResponse.json({ error: validationWireError(err) }, { status: 400 });
  }
  console.error("request failed:", err);
  return NextResponse.json(
    { error: { code: "INTERNAL", message: "Something went wrong on the server." } },
    { status: 500 },
  );
}

/** The request's JSON body; a missing or malformed body is a 400 with a plain message. */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BerthError("BAD_REQUEST", "The request body is not valid JSON.");
  }
}

export function clientAddress(request: Request): string | undefined {
  return clientAddressFrom((name) => request.headers.get(name));
}
