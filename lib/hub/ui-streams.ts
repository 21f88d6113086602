import { randomUUID } from "node:crypto";
import { UiEvents } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { handshakeClientAddress } from "@/lib/http/client-address";
import { recordAudit } from "@/lib/services/audit/record-audit";
import type { AgentHub } from "./agent-hub";
import type { LogFanout } from "./log-fanout";
import type { StatsFanout } from "./stats-fanout";
import type { UiRequestHandlers, UiSocket } from "./ui-handler";

/**
 * Holds a subscription's messages until its request has been answered, so the browser never
 * receives data for an id it has not been told yet. `open` runs after the reply is sent.
 */
function replyGate() {
  let isOpen = false;
  const held: Array<() => void> = [];
  return {
    send(fn: () => void) {
      if (isOpen) fn();
      else held.push(fn);
    },
    open() {
      setImmediate(() => {
        isOpen = true;
        for (const fn of held.splice(0)) fn();
      });
    },
  };
}

/** What a socket's open streams were allowed by; asked again when access may have changed. */
export type StillAllowed = (hostId: string, permission: HostPermission) => Promise<boolean>;

export const ACCESS_REMOVED = "Your access to this host was removed.";

type StreamRequests =
  | "logsSubscribe"
  | "logsUnsubscribe"
  | "statsSubscribe"
  | "statsUnsubscribe"
  | "execStart"
  | "execInput"
  | "execResize"
  | "execAck"
  | "execClose";

/**
 * Logs, container stats and terminals for one browser socket; every subscription is guarded.
 * Returns the request handlers, and `recheck`, which ends every open stream the user may no
 * longer have.
 */
export function streamHandlers(
  socket: UiSocket,
  user: SessionUser,
  deps: { hub: AgentHub; logs: LogFanout; stats: StatsFanout },
): {
  handlers: Pick<UiRequestHandlers, StreamRequests>;
  recheck: (allowed: StillAllowed) => Promise<void>;
} {
  const stops = new Map<string, () => void>();
  const sessions = new Map<string, { hostId: string; close: () => void }>();
  /** Every open stream with the permission it needs and how to end it for lost access. */
  const guarded = new Map<
    string,
    { hostId: string; permission: HostPermission; revoke: () => void }
  >();

  const unsubscribe = ({ subscriptionId }: { subscriptionId: string }) => {
    stops.get(subscriptionId)?.();
    stops.delete(subscriptionId);
    guarded.delete(subscriptionId);
  };

  const handlers: Pick<UiRequestHandlers, StreamRequests> = {
    async logsSubscribe({ hostId, options, resume }) {
      await requireHostPermission(user, hostId, "container.logs");
      const subscriptionId = randomUUID();
      const gate = replyGate();
      const stop = await deps.logs.subscribe(hostId, options, resume, {
        send: (data, ack) =>
          gate.send(() => socket.emit(UiEvents.logsBatch, { subscriptionId, data }, () => ack())),
        end: (reason, message) => {
          stops.delete(subscriptionId);
          guarded.delete(subscriptionId);
          gate.send(() => socket.emit(UiEvents.logsEnd, { subscriptionId, reason, message }));
        },
      });
      stops.set(subscriptionId, stop);
      guarded.set(subscriptionId, {
        hostId,
        permission: "container.logs",
        revoke: () => stop("error", ACCESS_REMOVED),
      });
      gate.open();
      return { subscriptionId };
    },

    async statsSubscribe({ hostId, containerId }) {
      await requireHostPermission(user, hostId, "container.read");
      const subscriptionId = randomUUID();
      const gate = replyGate();
      const { recent, stop } = await deps.stats.subscribe(
        hostId,
        containerId,
        (sample) =>
          gate.send(() => socket.volatile.emit(UiEvents.statsSample, { subscriptionId, sample })),
        (message) => {
          stops.delete(subscriptionId);
          guarded.delete(subscriptionId);
          gate.send(() => socket.emit(UiEvents.statsEnd, { subscriptionId, message }));
        },
      );
      stops.set(subscriptionId, stop);
      guarded.set(subscriptionId, {
        hostId,
        permission: "container.read",
        revoke: () => {
          stop();
          stops.delete(subscriptionId);
          guarded.delete(subscriptionId);
          socket.emit(UiEvents.statsEnd, { subscriptionId, message: ACCESS_REMOVED });
        },
      });
      gate.open();
      return { subscriptionId, samples: recent };
    },

    logsUnsubscribe: unsubscribe,
    statsUnsubscribe: unsubscribe,

    async execStart({ hostId, ...params }) {
      const audit = {
        actor: user,
        action: "container.exec",
        hostId,
        target: params.id,
        clientAddress: handshakeClientAddress(socket.handshake),
      };
      const details = { cmd: params.cmd, user: params.user ?? null };
      try {
        await requireHostPermission(user, hostId, "container.exec");
      } catch (err) {
        await recordAudit({
          ...audit,
          outcome: "DENIED",
          params: details,
          error: (err as Error).message,
        });
        throw err;
      }
      const sessionId = randomUUID();
      const startedAt = new Date().toISOString();
      let ended = false;
      const end = (exitCode: number | null, error?: string) => {
        if (ended) return;
        ended = true;
        sessions.delete(sessionId);
        guarded.delete(sessionId);
        void recordAudit({
          ...audit,
          outcome: error ? "FAILURE" : "SUCCESS",
          params: { ...details, startedAt, endedAt: new Date().toISOString(), exitCode },
          error: error ?? null,
        }).catch((e: unknown) => console.error("audit:", e));
      };
      const gate = replyGate();
      try {
        await deps.hub.openExec(hostId, sessionId, params, {
          output: (data) => gate.send(() => socket.emit(UiEvents.execOutput, { sessionId, data })),
          exit: (exitCode, error) => {
            if (ended) return;
            gate.send(() => socket.emit(UiEvents.execExit, { sessionId, exitCode, error }));
            end(exitCode, error);
          },
        });
      } catch (err) {
        end(null, (err as Error).message);
        throw err;
      }
      gate.open();
      sessions.set(sessionId, {
        hostId,
        close: () => {
          deps.hub.execClose(hostId, sessionId);
          end(null);
        },
      });
      guarded.set(sessionId, {
        hostId,
        permission: "container.exec",
        revoke: () => {
          if (ended) return;
          socket.emit(UiEvents.execExit, { sessionId, exitCode: null, error: ACCESS_REMOVED });
          deps.hub.execClose(hostId, sessionId);
          end(null, ACCESS_REMOVED);
        },
      });
      return { sessionId };
    },

    execInput({ sessionId, data }) {
      const session = sessions.get(sessionId);
      if (session) deps.hub.execInput(session.hostId, sessionId, data);
    },
    execAck({ sessionId, shown }) {
      const session = sessions.get(sessionId);
      if (session) deps.hub.execAck(session.hostId, sessionId, shown);
    },
    execResize({ sessionId, cols, rows }) {
      const session = sessions.get(sessionId);
      if (session) deps.hub.execResize(session.hostId, sessionId, cols, rows);
    },
    execClose({ sessionId }) {
      sessions.get(sessionId)?.close();
    },
  };

  socket.on("disconnect", () => {
    for (const stop of stops.values()) stop();
    stops.clear();
    guarded.clear();
    for (const session of [...sessions.values()]) session.close();
  });

  return {
    handlers,
    async recheck(allowed) {
      for (const stream of [...guarded.values()]) {
        if (!(await allowed(stream.hostId, stream.permission))) stream.revoke();
      }
    },
  };
}
