import { randomUUID } from "node:crypto";
import type { Socket } from "socket.io";
import { z } from "zod";
import {
  ExecAckSchema,
  ExecInputSchema,
  ExecStartSchema,
  LogSubscribeSchema,
} from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { HostPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { handshakeClientAddress } from "@/lib/http/client-address";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { requireContainerPower } from "@/lib/services/policy/require-container-power";
import type { AgentHub } from "./agent-hub";
import type { LogFanout } from "./log-fanout";
import type { StatsFanout } from "./stats-fanout";
import { onRequest } from "./ui-handler";

const Id = z.object({ subscriptionId: z.string().max(100) });
const Session = z.object({ sessionId: z.string().max(100) });
const StatsSubscribe = z.object({
  hostId: z.string().min(1).max(100),
  containerId: z.string().min(1).max(128),
});
const ExecOpen = ExecStartSchema.extend({ hostId: z.string().min(1).max(100) });
const ExecInput = Session.extend({ data: ExecInputSchema.shape.data });
const ExecAck = Session.extend({ shown: ExecAckSchema.shape.shown });
const ExecResize = Session.extend({
  cols: z.number().int().min(1).max(1000),
  rows: z.number().int().min(1).max(1000),
});

export const UiStreamEvents = {
  logsSubscribe: "logs.subscribe",
  logsUnsubscribe: "logs.unsubscribe",
  logsBatch: "logs.batch",
  logsEnd: "logs.end",
  statsSubscribe: "stats.subscribe",
  statsUnsubscribe: "stats.unsubscribe",
  statsSample: "stats.sample",
  statsEnd: "stats.end",
  execStart: "exec.start",
  execInput: "exec.input",
  execResize: "exec.resize",
  execClose: "exec.close",
  execOutput: "exec.output",
  execAck: "exec.ack",
  execExit: "exec.exit",
} as const;

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

/**
 * Logs, container stats and terminals for one browser socket; every subscription is guarded.
 * Returns `recheck`, which ends every open stream the user may no longer have.
 */
export function registerStreamHandlers(
  socket: Socket,
  user: SessionUser,
  deps: { hub: AgentHub; logs: LogFanout; stats: StatsFanout },
): { recheck: (allowed: StillAllowed) => Promise<void> } {
  const stops = new Map<string, () => void>();
  const sessions = new Map<string, { hostId: string; close: () => void }>();
  /** Every open stream with the permission it needs and how to end it for lost access. */
  const guarded = new Map<
    string,
    { hostId: string; permission: HostPermission; revoke: () => void }
  >();

  onRequest(
    socket,
    UiStreamEvents.logsSubscribe,
    LogSubscribeSchema,
    async ({ hostId, options, resume }) => {
      await requireHostPermission(user, hostId, "container.logs");
      const subscriptionId = randomUUID();
      const gate = replyGate();
      const stop = await deps.logs.subscribe(hostId, options, resume, {
        send: (data, ack) =>
          gate.send(() =>
            socket.emit(UiStreamEvents.logsBatch, { subscriptionId, data }, () => ack()),
          ),
        end: (reason, message) => {
          stops.delete(subscriptionId);
          guarded.delete(subscriptionId);
          gate.send(() => socket.emit(UiStreamEvents.logsEnd, { subscriptionId, reason, message }));
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
  );

  onRequest(
    socket,
    UiStreamEvents.statsSubscribe,
    StatsSubscribe,
    async ({ hostId, containerId }) => {
      await requireHostPermission(user, hostId, "container.read");
      const subscriptionId = randomUUID();
      const gate = replyGate();
      const { recent, stop } = await deps.stats.subscribe(
        hostId,
        containerId,
        (sample) =>
          gate.send(() =>
            socket.volatile.emit(UiStreamEvents.statsSample, { subscriptionId, sample }),
          ),
        (message) => {
          stops.delete(subscriptionId);
          guarded.delete(subscriptionId);
          gate.send(() => socket.emit(UiStreamEvents.statsEnd, { subscriptionId, message }));
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
          socket.emit(UiStreamEvents.statsEnd, { subscriptionId, message: ACCESS_REMOVED });
        },
      });
      gate.open();
      return { subscriptionId, samples: recent };
    },
  );

  for (const event of [UiStreamEvents.logsUnsubscribe, UiStreamEvents.statsUnsubscribe]) {
    socket.on(event, (payload: unknown) => {
      const parsed = Id.safeParse(payload);
      if (!parsed.success) return;
      stops.get(parsed.data.subscriptionId)?.();
      stops.delete(parsed.data.subscriptionId);
      guarded.delete(parsed.data.subscriptionId);
    });
  }

  onRequest(socket, UiStreamEvents.execStart, ExecOpen, async ({ hostId, ...params }) => {
    const audit = {
      actor: user,
      action: "container.exec",
      hostId,
      target: params.id,
      clientAddress: handshakeClientAddress(socket.handshake),
    };
    const details = { cmd: params.cmd, user: params.user ?? null };
    try {
      await requireContainerPower(user, hostId, params.id, "container.exec");
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
        output: (data) =>
          gate.send(() => socket.emit(UiStreamEvents.execOutput, { sessionId, data })),
        exit: (exitCode, error) => {
          if (ended) return;
          gate.send(() => socket.emit(UiStreamEvents.execExit, { sessionId, exitCode, error }));
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
        socket.emit(UiStreamEvents.execExit, { sessionId, exitCode: null, error: ACCESS_REMOVED });
        deps.hub.execClose(hostId, sessionId);
        end(null, ACCESS_REMOVED);
      },
    });
    return { sessionId };
  });

  socket.on(UiStreamEvents.execInput, (payload: unknown) => {
    const parsed = ExecInput.safeParse(payload);
    const session = parsed.success ? sessions.get(parsed.data.sessionId) : undefined;
    if (parsed.success && session) {
      deps.hub.execInput(session.hostId, parsed.data.sessionId, parsed.data.data);
    }
  });
  socket.on(UiStreamEvents.execAck, (payload: unknown) => {
    const parsed = ExecAck.safeParse(payload);
    const session = parsed.success ? sessions.get(parsed.data.sessionId) : undefined;
    if (parsed.success && session) {
      deps.hub.execAck(session.hostId, parsed.data.sessionId, parsed.data.shown);
    }
  });
  socket.on(UiStreamEvents.execResize, (payload: unknown) => {
    const parsed = ExecResize.safeParse(payload);
    const session = parsed.success ? sessions.get(parsed.data.sessionId) : undefined;
    if (parsed.success && session) {
      deps.hub.execResize(
        session.hostId,
        parsed.data.sessionId,
        parsed.data.cols,
        parsed.data.rows,
      );
    }
  });
  socket.on(UiStreamEvents.execClose, (payload: unknown) => {
    const parsed = Session.safeParse(payload);
    if (parsed.success) sessions.get(parsed.data.sessionId)?.close();
  });

  socket.on("disconnect", () => {
    for (const stop of stops.values()) stop();
    stops.clear();
    guarded.clear();
    for (const session of [...sessions.values()]) session.close();
  });

  return {
    async recheck(allowed) {
      for (const stream of [...guarded.values()]) {
        if (!(await allowed(stream.hostId, stream.permission))) stream.revoke();
      }
    },
  };
}
