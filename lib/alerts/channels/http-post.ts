import { RESPONSE_MAX_BYTES, type SendResult } from "./send-result";

/** A receiver that does not answer in this time is a failed attempt. */
export const SEND_TIMEOUT_MS = 10_000;

/**
 * POSTs to an administrator-configured URL: no redirect is followed (a 3xx is a failure naming
 * where it pointed), the answer is read up to RESPONSE_MAX_BYTES, and nothing waits longer than
 * SEND_TIMEOUT_MS. Never throws.
 */
export async function postHttp(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (err) {
    return { ok: false, code: null, response: describeFetchError(err) };
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel().catch(() => undefined);
    const location = res.headers.get("location");
    return {
      ok: false,
      code: res.status,
      response: `Redirected to ${location ?? "(no Location)"}; redirects are not followed.`,
    };
  }
  let text: string;
  try {
    text = await readStart(res);
  } catch (err) {
    text = `(the answer could not be read: ${describeFetchError(err)})`;
  }
  const ok = res.status >= 200 && res.status < 300;
  return { ok, code: res.status, response: text || `HTTP ${res.status}` };
}

/** The first RESPONSE_MAX_BYTES of the body; the rest is not downloaded. */
async function readStart(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_MAX_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks).subarray(0, RESPONSE_MAX_BYTES);
  return bytes
    .toString("utf8")
    .replace(/\uFFFD+$/, "")
    .trim();
}

function describeFetchError(err: unknown): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"))
    return `No answer within ${SEND_TIMEOUT_MS / 1000} s.`;
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      if (cause.message === "bad port")
        return "Requests to this port are refused (a blocked port).";
      const code = (cause as NodeJS.ErrnoException).code;
      return code ? `${cause.message} (${code})` : cause.message;
    }
    return err.message;
  }
  return String(err);
}
