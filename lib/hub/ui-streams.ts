import { randomUUID } from "node:crypto";
import { UiEvents } from "@/lib/protocol";
import type { HostPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { handshakeClientAddress } from "@/lib/http/client-address";
import { openExecSession, type ExecSession } from "@/lib/services/exec/open-exec-session";
import { subscribeContainerLogs } from "@/lib/services/logs/subscribe-container-logs";
import { subscribeContainerStats } from "@/lib/services/stats/subscribe-container-stats";
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
 * Logs, container stats and terminals for one browser socket: its requests go to the services,
 * their data back to the socket. Returns the request handlers, and `recheck`, which ends every
 * open stream the user may no longer have.
 */
export function streamHandlers(
  socket: UiSocket,
  user: SessionUser,
): {
  handlers: Pick<UiRequestHandlers, StreamRequests>;
  recheck: (allowed: StillAllowed) => Promise<void>;
} {
  const stops = new Map<string, () => void>();
  const sessions = new Map<string, ExecSession>();
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
      const subscriptionId = randomUUID();
      const gate = replyGate();
      const logs = await subscribeContainerLogs(user, hostId, options, resume, {
        send: (data, ack) =>
          gate.send(() => socket.emit(UiEvents.logsBatch, { subscriptionId, data }, () => ack())),
        end: (reason, message) => {
          stops.delete(subscriptionId);
          guarded.delete(subscriptionId);
          gate.send(() => socket.emit(UiEvents.logsEnd, { subscriptionId, reason, message }));
        },
      });
      stops.set(subscriptionId, logs.stop);
      guarded.set(subscriptionId, {
        hostId,
        permission: logs.permission,
        revoke: () => logs.stop("error", ACCESS_REMOVED),
      });
      gate.open();
      return { subscriptionId };
    },

    async statsSubscribe({ hostId, containerId }) {
      const subscriptionId = randomUUID();
      const gate = replyGate();
      const stats = await subscribeContainerStats(
        user,
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
      stops.set(subscriptionId, stats.stop);
      guarded.set(subscriptionId, {
        hostId,
        permission: stats.permission,
        revoke: () => {
          stats.stop();
          stops.delete(subscriptionId);
          guarded.delete(subscriptionId);
          socket.emit(UiEvents.statsEnd, { subscriptionId, message: ACCESS_REMOVED });
        },
      });
      gate.open();
      return { subscriptionId, samples: stats.recent };
    },

    logsUnsubscribe: unsubscribe,
    statsUnsubscribe: unsubscribe,

    async execStart({ hostId, ...params }) {
      const gate = replyGate();
      const forget = (sessionId: string) => {
        sessions.delete(sessionId);
        guarded.delete(sessionId);
      };
      const session = await openExecSession(
        user,
        hostId,
        params,
        {
          output: (message) => gate.send(() => socket.emit(UiEvents.execOutput, message)),
          exit: (message) => {
            gate.send(() => socket.emit(UiEvents.execExit, message));
            forget(message.sessionId);
          },
        },
        handshakeClientAddress(socket.handshake),
      );
      const { sessionId } = session;
      gate.open();
      sessions.set(sessionId, session);
      guarded.set(sessionId, {
        hostId,
        permission: session.permission,
        revoke: () => {
          if (!session.close(ACCESS_REMOVED)) return;
          forget(sessionId);
          socket.emit(UiEvents.execExit, { sessionId, exitCode: null, error: ACCESS_REMOVED });
        },
      });
      return { sessionId };
    },

    execInput: ({ sessionId, data }) => sessions.get(sessionId)?.input(data),
    execAck: ({ sessionId, shown }) => sessions.get(sessionId)?.ack(shown),
    execResize: ({ sessionId, cols, rows }) => sessions.get(sessionId)?.resize(cols, rows),
    execClose: ({ sessionId }) => {
      sessions.get(sessionId)?.close();
      sessions.delete(sessionId);
      guarded.delete(sessionId);
    },
  };

  socket.on("disconnect", () => {
    for (const stop of stops.values()) stop();
    stops.clear();
    guarded.clear();
    for (const session of [...sessions.values()]) session.close();
    sessions.clear();
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
