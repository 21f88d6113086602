import { parse as parseCookies } from "cookie";
import { getToken } from "next-auth/jwt";
import type { Namespace, Socket } from "socket.io";
import { HostSubscribeSchema, UiEvents } from "@/lib/protocol";
import { sessionAbsoluteSeconds } from "@/lib/auth/config";
import { requireHostPermission, visibleHostsWhere } from "@/lib/auth/guard";
import { userFromClaims, type SessionUser } from "@/lib/auth/session-user";
import { listVisibleHostIds } from "@/lib/services/hosts/list-visible-host-ids";
import type { AgentHub } from "./agent-hub";
import { LogFanout } from "./log-fanout";
import { StatsFanout } from "./stats-fanout";
import { onRequest } from "./ui-handler";
import { registerStreamHandlers } from "./ui-streams";
import { setProgressRelay } from "./progress-relay";

const ALL_HOSTS_ROOM = "hosts:all";
const hostRoom = (hostId: string) => `host:${hostId}`;
const metricsRoom = (hostId: string) => `metrics:${hostId}`;
const userRoom = (userId: string) => `user:${userId}`;

/** Same-origin check for the browser's websocket: its Origin must be this server's host. */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    const allowed = (process.env.BERTH_ALLOWED_ORIGINS ?? "").split(",").filter(Boolean);
    return new URL(origin).host === host || allowed.includes(origin);
  } catch {
    return false;
  }
}

async function authenticate(socket: Socket): Promise<SessionUser | null> {
  const headers = socket.request.headers;
  const cookies = parseCookies(headers.cookie ?? "");
  const token = await getToken({
    req: { cookies, headers } as never,
    secret: process.env.NEXTAUTH_SECRET,
  });
  return userFromClaims(token as never, sessionAbsoluteSeconds());
}

/** The browser's live channel: host status and live metrics, every subscription guarded. */
export function attachUiNamespace(ns: Namespace, hub: AgentHub): void {
  ns.use((socket, next) => {
    if (!isAllowedOrigin(socket.request.headers.origin, socket.request.headers.host)) {
      next(new Error("Origin not allowed."));
      return;
    }
    authenticate(socket).then(
      (user) => {
        if (!user) {
          next(new Error("Sign in to continue."));
          return;
        }
        socket.data.user = user;
        next();
      },
      () => next(new Error("Sign in to continue.")),
    );
  });

  hub.on("status", (status) => {
    ns.to([ALL_HOSTS_ROOM, hostRoom(status.hostId)]).emit(UiEvents.hostStatus, status);
  });
  hub.on("sample", ({ hostId, sample }) => {
    ns.to(metricsRoom(hostId)).volatile.emit(UiEvents.metricsSample, { hostId, sample });
  });
  hub.on("containers", ({ hostId, change }) => {
    ns.to([ALL_HOSTS_ROOM, hostRoom(hostId)]).emit(UiEvents.containersChanged, { hostId, change });
  });
  hub.on("containerStats", ({ hostId, items }) => {
    ns.to([ALL_HOSTS_ROOM, hostRoom(hostId)]).volatile.emit(UiEvents.containerStats, {
      hostId,
      items,
    });
  });
  setProgressRelay((userId, callId, progress) => {
    ns.to(userRoom(userId)).emit(UiEvents.commandProgress, { callId, progress });
  });

  const logs = new LogFanout(hub);
  const stats = new StatsFanout(hub);

  ns.on("connection", (socket) => {
    const user = socket.data.user as SessionUser;
    const watched = new Set<string>();

    // Handlers first, synchronously: a browser may send its first request right after connecting.
    onRequest(socket, UiEvents.metricsSubscribe, HostSubscribeSchema, async ({ hostId }) => {
      await requireHostPermission(user, hostId, "host.read");
      if (!watched.has(hostId)) {
        watched.add(hostId);
        hub.watch(hostId);
        await socket.join(metricsRoom(hostId));
      }
      return { samples: hub.recentSamples(hostId) };
    });

    socket.on(UiEvents.metricsUnsubscribe, async (payload: unknown) => {
      const parsed = HostSubscribeSchema.safeParse(payload);
      if (!parsed.success || !watched.delete(parsed.data.hostId)) return;
      hub.unwatch(parsed.data.hostId);
      await socket.leave(metricsRoom(parsed.data.hostId));
    });

    registerStreamHandlers(socket, user, { hub, logs, stats });

    socket.on("disconnect", () => {
      for (const hostId of watched) hub.unwatch(hostId);
      watched.clear();
    });

    void joinRooms(socket, user).catch((err: unknown) => console.error("ui socket:", err));
  });
}

/** Rooms for the broadcasts this user may receive: their own, and the hosts they may see. */
async function joinRooms(socket: Socket, user: SessionUser): Promise<void> {
  await socket.join(userRoom(user.id));
  if (user.role === "ADMIN") {
    await socket.join(ALL_HOSTS_ROOM);
  } else {
    const ids = await listVisibleHostIds(visibleHostsWhere(user));
    await socket.join(ids.map(hostRoom));
  }
}
