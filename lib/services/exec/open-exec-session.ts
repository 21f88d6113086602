import { randomUUID } from "node:crypto";
import type { ExecExit, ExecOutput, ExecStart } from "@/lib/protocol";
import type { HostPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { requireContainerPower } from "@/lib/services/policy/require-container-power";

export type ExecSessionEvents = {
  /** Terminal output; the agent sends no more than the terminal's acks allow (see `ack`). */
  output(message: ExecOutput): void;
  /** The process ended (exit code when known) or failed; not told after `close`. */
  exit(message: ExecExit): void;
};

export type ExecSession = {
  sessionId: string;
  hostId: string;
  /** What the session was allowed by; it must end once the user no longer holds it. */
  permission: HostPermission;
  input(data: string): void;
  /** The terminal has shown `shown` characters of output: the agent may send more. */
  ack(shown: number): void;
  resize(cols: number, rows: number): void;
  /**
   * Ends the session from this side: the user closed it, or `error` says why it was ended.
   * False when it was over already.
   */
  close(error?: string): boolean;
};

/**
 * `docker exec -it` in a container, for a user who may exec there and whose role could have
 * created the container under the host's security policy. A session is one audit row,
 * written when it ends, with its start, end and exit code; a refused one is a DENIED row.
 */
export async function openExecSession(
  user: SessionUser,
  hostId: string,
  params: ExecStart,
  events: ExecSessionEvents,
  clientAddress?: string,
): Promise<ExecSession> {
  const permission = "container.exec";
  const audit = { actor: user, action: "container.exec", hostId, target: params.id, clientAddress };
  const details = { cmd: params.cmd, user: params.user ?? null };
  try {
    await requireContainerPower(user, hostId, params.id, permission);
  } catch (err) {
    await recordAudit({
      ...audit,
      outcome: "DENIED",
      params: details,
      error: (err as Error).message,
    });
    throw err;
  }
  const hub = getAgentHub();
  const sessionId = randomUUID();
  const startedAt = new Date().toISOString();
  let ended = false;
  const end = (exitCode: number | null, error?: string): boolean => {
    if (ended) return false;
    ended = true;
    void recordAudit({
      ...audit,
      outcome: error ? "FAILURE" : "SUCCESS",
      params: { ...details, startedAt, endedAt: new Date().toISOString(), exitCode },
      error: error ?? null,
    }).catch((e: unknown) => console.error("audit:", e));
    return true;
  };
  try {
    await hub.openExec(hostId, sessionId, params, {
      output: (data) => events.output({ sessionId, data }),
      exit: (exitCode, error) => {
        if (ended) return;
        events.exit({ sessionId, exitCode, error });
        end(exitCode, error);
      },
    });
  } catch (err) {
    end(null, (err as Error).message);
    throw err;
  }
  return {
    sessionId,
    hostId,
    permission,
    input: (data) => hub.execInput(hostId, sessionId, data),
    ack: (shown) => hub.execAck(hostId, sessionId, shown),
    resize: (cols, rows) => hub.execResize(hostId, sessionId, cols, rows),
    close: (error) => {
      if (ended) return false;
      hub.execClose(hostId, sessionId);
      return end(null, error);
    },
  };
}
