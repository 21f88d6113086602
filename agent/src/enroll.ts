import { z } from "zod";
import {
  EnrollResponseSchema,
  PROTOCOL_VERSION,
  type EnrollRequest,
  type EnrollResponse,
} from "@/lib/protocol";
import { Backoff, sleep } from "./backoff";
import { ConfigError, type AgentConfig } from "./config";
import { describeError, formatDelay, log } from "./log";
import { readState, StateFileError, writeState, type AgentState } from "./state";
import { AGENT_VERSION } from "./version";

/** The server refused the enrolment for good (used or expired token, ...): retrying cannot help. */
export class EnrollRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnrollRefusedError";
  }
}

const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The saved identity, or a new one obtained with the one-time token and saved.
 * Resolves null when the signal aborts first.
 */
export async function obtainIdentity(
  config: AgentConfig,
  signal: AbortSignal,
): Promise<AgentState | null> {
  let saved: AgentState | null = null;
  try {
    saved = await readState(config.statePath);
  } catch (err) {
    if (!(err instanceof StateFileError) || !config.enrollToken) throw err;
    log.warn(`${err.message}; enrolling again with BERTH_ENROLL_TOKEN`);
  }
  if (saved) {
    log.info(`using saved enrolment: host ${saved.hostId}`);
    return saved;
  }
  if (!config.enrollToken) {
    throw new ConfigError([
      `BERTH_ENROLL_TOKEN is required: no enrolment saved at ${config.statePath}`,
    ]);
  }
  const response = await enroll(
    config.serverUrl,
    {
      token: config.enrollToken,
      hostname: config.agentName,
      protocolVersion: PROTOCOL_VERSION,
      agentVersion: AGENT_VERSION,
    },
    signal,
  );
  if (!response) return null;
  const state: AgentState = { serverUrl: config.serverUrl, ...response };
  await writeState(config.statePath, state);
  log.info(`enrolled as host ${state.hostId}; saved to ${config.statePath}`);
  return state;
}

/**
 * POST /api/agent/enroll until the server answers. Network errors, 5xx, 408 and 429 are retried
 * with jittered backoff; any other refusal throws EnrollRefusedError. Null when aborted.
 */
export async function enroll(
  serverUrl: string,
  request: EnrollRequest,
  signal: AbortSignal,
): Promise<EnrollResponse | null> {
  const url = `${serverUrl}/api/agent/enroll`;
  const backoff = new Backoff({ minMs: 1_000, maxMs: 60_000 });
  log.info(`enrolling "${request.hostname}" with ${serverUrl}`);
  while (!signal.aborted) {
    let problem: string;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(request),
        signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
      const text = await res.text();
      if (res.status === 200) {
        const parsed = EnrollResponseSchema.safeParse(safeJson(text));
        if (!parsed.success) throw new EnrollRefusedError("server sent an invalid enrolment reply");
        return parsed.data;
      }
      const reason = errorReason(res.status, text);
      if (res.status < 500 && res.status !== 408 && res.status !== 429) {
        throw new EnrollRefusedError(`enrolment refused: ${reason}`);
      }
      problem = reason;
    } catch (err) {
      if (err instanceof EnrollRefusedError) throw err;
      if (signal.aborted) break;
      problem = describeError(err);
    }
    const delay = backoff.next();
    log.warn(`enrolment failed (${problem}); retry in ${formatDelay(delay)}`);
    await sleep(delay, signal);
  }
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorReason(status: number, body: string): string {
  const parsed = ErrorBodySchema.safeParse(safeJson(body));
  if (parsed.success) return `${status} ${parsed.data.error.code}: ${parsed.data.error.message}`;
  const snippet = body.replace(/\s+/g, " ").trim().slice(0, 120);
  return snippet ? `HTTP ${status}: ${snippet}` : `HTTP ${status}`;
}
