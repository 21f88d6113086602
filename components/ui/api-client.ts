import type { PolicyViolation } from "@/lib/protocol/policy";

/**
 * A failed API call, in the words the server chose (and the form field it is about); a policy
 * refusal also carries every refused setting.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    public readonly code: string,
    public readonly status: number,
    public readonly field?: string,
    public readonly violations: readonly PolicyViolation[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

function isViolation(value: unknown): value is PolicyViolation {
  const v = value as Partial<Record<keyof PolicyViolation, unknown>> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.rule === "string" &&
    typeof v.field === "string" &&
    typeof v.message === "string"
  );
}

async function readError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: fall through to a generic message
  }
  const error = (
    body as {
      error?: { code?: unknown; message?: unknown; field?: unknown; violations?: unknown };
    } | null
  )?.error;
  if (error && typeof error.message === "string") {
    return new ApiError(
      error.message,
      typeof error.code === "string" ? error.code : "ERROR",
      response.status,
      typeof error.field === "string" ? error.field : undefined,
      Array.isArray(error.violations) ? error.violations.filter(isViolation) : [],
    );
  }
  if (response.status === 401) {
    return new ApiError("Your session ended. Sign in again.", "UNAUTHENTICATED", 401);
  }
  return new ApiError(
    `The server answered ${response.status} ${response.statusText}.`.trim(),
    "HTTP",
    response.status,
  );
}

/** fetch() for the JSON API: resolves to the body, rejects with an ApiError. */
export async function api<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(url, {
      ...rest,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        ...(json !== undefined ? { "content-type": "application/json" } : {}),
        ...rest.headers,
      },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError("Could not reach the server. Check your connection.", "NETWORK", 0);
  }
  if (!response.ok) throw await readError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function postJson<T>(url: string, body: unknown = {}): Promise<T> {
  return api<T>(url, { method: "POST", json: body });
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return "Something went wrong.";
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}
