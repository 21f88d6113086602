import { parse as parseCookies } from "cookie";
import { getToken } from "next-auth/jwt";
import type { Namespace } from "socket.io";
import {
  UiEvents,
  type UiClientToServerEvents,
  type UiPushPayload,
  type UiServerToClientEvents,
} from "@/lib/protocol";
import { sessionAbsoluteSeconds } from "@/lib/auth/config";
import { effectiveHostRole, visibleHostsWhere } from "@/lib/auth/guard";
import { roleAllows, type HostRoleName } from "@/lib/auth/permissions";
import {
  findActiveAccount,
  sessionStands,
  userFromClaims,
  type ActiveAccount,
  type SessionUser,
} from "@/lib/auth/session-user";
import { isAllowedOrigin } from "@/lib/http/security";
import { listVisibleHostIds } from "@/lib/services/hosts/list-visible-host-ids";
import {
  subscribeHostMetrics,
  type HostMetricsSubscription,
} from "@/lib/services/metrics/subscribe-host-metrics";
import type { AgentHub } from "./agent-hub";
import { serveUiRequests, type UiSocket } from "./ui-handler";
import { onAccessChanged } from "./access-signal";
import { streamHandlers } from "./ui-streams";
import { setProgressRelay } from "./progress-relay";

const ALL_HOSTS_ROOM = "hosts:all";
const hostRoom = (hostId: string) => `host:${hostId}`;
const metricsRoom = (hostId: string) => `metrics:${hostId}`;
const userRoom = (userId: string) => `user:${userId}`;

/** The /ui namespace of this process, for pushes from the Next.js bundle (a separate module copy). */
const NAMESPACE_KEY = Symbol.for("berth.ui-namespace");
type NamespaceGlobal = {
  [NAMESPACE_KEY]?: Namespace<UiClientToServerEvents, UiServerToClientEvents>;
};

/** Alerts changed: open alert pages and badges reload (one host's watchers, or everyone for null). */
export function pushAlertsChanged(hostId: string | null): void {
  const ns = (globalThis as NamespaceGlobal)[NAMESPACE_KEY];
  if (!ns) return;
  if (hostId === null) ns.emit(UiEvents.alertsChanged, { hostId });
  else ns.to([ALL_HOSTS_ROOM, hostRoom(hostId)]).emit(UiEvents.alertsChanged, { hostId });
}

/** How often open sockets re-check their user's rights (role changes apply within 5 s). */
const RECHECK_MS = Number(process.env.BERTH_ACCESS_RECHECK_MS ?? 2000);

async function authenticate(socket: UiSocket): Promise<SessionUser | null> {
  const headers = socket.request.headers;
  const cookies = parseCookies(headers.cookie ?? "");
  const token = await getToken({
    req: { cookies, headers } as never,
    secret: process.env.NEXTAUTH_SECRET,
  });
  const user = await userFromClaims(token as never, sessionAbsoluteSeconds());
  if (user) socket.data.loginAt = (token as { loginAt?: number }).loginAt;
  return user;
}

/** One re-check round: each user and each (user, host) role is read once, whatever the sockets. */
class AccessRound {
  private readonly users = new Map<string, Promise<ActiveAccount | null>>();
  private readonly visible = new Map<string, Promise<Set<string>>>();
  private readonly roles = new Map<string, Promise<HostRoleName | null>>();

  account(id: string): Promise<ActiveAccount | null> {
    let account = this.users.get(id);
    if (!account) this.users.set(id, (account = findActiveAccount(id)));
    return account;
  }

  visibleHostIds(user: SessionUser): Promise<Set<string>> {
    let ids = this.visible.get(user.id);
    if (!ids) {
      ids = listVisibleHostIds(visibleHostsWhere(user)).then((list) => new Set(list));
      this.visible.set(user.id, ids);
    }
    return ids;
  }

  role(user: SessionUser, hostId: string): Promise<HostRoleName | null> {
    const key = `${user.id}\n${hostId}`;
    let role = this.roles.get(key);
    if (!role) this.roles.set(key, (role = effectiveHostRole(user, hostId)));
    return role;
  }
}

type Recheck = (round: AccessRound) => Promise<void>;

/** The browser's live channel: host status and live metrics, every subscription guarded. */
export function attachUiNamespace(
  ns: Namespace<UiClientToServerEvents, UiServerToClientEvents>,
  hub: AgentHub,
): void {
  (globalThis as NamespaceGlobal)[NAMESPACE_KEY] = ns;
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
  hub.on("images", ({ hostId }) => {
    ns.to([ALL_HOSTS_ROOM, hostRoom(hostId)]).emit(UiEvents.imagesChanged, { hostId });
  });
  hub.on("networks", ({ hostId }) => {
    ns.to([ALL_HOSTS_ROOM, hostRoom(hostId)]).emit(UiEvents.networksChanged, { hostId });
  });
  hub.on("hosts", ({ hostId }) => {
    ns.to([ALL_HOSTS_ROOM, hostRoom(hostId)]).emit(UiEvents.hostsChanged, { hostId });
  });
  hub.on("volumes", ({ hostId }) => {
    ns.to([ALL_HOSTS_ROOM, hostRoom(hostId)]).emit(UiEvents.volumesChanged, { hostId });
  });
  hub.on("swarm", ({ hostId }) => {
    ns.to([ALL_HOSTS_ROOM, hostRoom(hostId)]).emit(UiEvents.swarmChanged, { hostId });
  });
  hub.on("stacks", ({ hostId }) => {
    ns.to([ALL_HOSTS_ROOM, hostRoom(hostId)]).emit(UiEvents.stacksChanged, { hostId });
  });
  hub.on("imageUpdates", ({ hostId }) => {
    ns.to([ALL_HOSTS_ROOM, hostRoom(hostId)]).emit(UiEvents.imageUpdatesChanged, { hostId });
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

  // Rights are read again for every open socket, so a role change, a removed grant or a
  // disabled user reaches live rooms and streams within seconds, on every replica.
  // A change signalled while a check runs may have landed after that check read the database:
  // it is remembered and checked once more when the running check ends.
  let running = false;
  let pending: { all: boolean; users: Set<string> } | null = null;
  const recheckSockets = (userId: string | null) => {
    if (running) {
      pending ??= { all: false, users: new Set() };
      if (userId === null) pending.all = true;
      else pending.users.add(userId);
      return;
    }
    running = true;
    const round = new AccessRound();
    const sockets = [...ns.sockets.values()].filter(
      (s) => userId === null || (s.data.user as SessionUser).id === userId,
    );
    void Promise.all(
      sockets.map((s) =>
        Promise.resolve((s.data.recheck as Recheck | undefined)?.(round)).catch((err: unknown) =>
          console.error("ui socket access check:", err),
        ),
      ),
    ).finally(() => {
      running = false;
      const again = pending;
      pending = null;
      if (!again) return;
      if (again.all || again.users.size > 1) recheckSockets(null);
      else for (const id of again.users) recheckSockets(id);
    });
  };
  setInterval(() => recheckSockets(null), RECHECK_MS).unref();
  onAccessChanged(recheckSockets);

  ns.on("connection", (socket) => {
    const user = socket.data.user as SessionUser;
    /** This socket's live host metrics, by host. */
    const watched = new Map<string, HostMetricsSubscription>();
    const streams = streamHandlers(socket, user);

    // Handlers first, synchronously: a browser may send its first request right after connecting.
    serveUiRequests(socket, {
      async metricsSubscribe({ hostId }) {
        const metrics = await subscribeHostMetrics(user, hostId);
        // A second subscription of this socket replaces its first: the host stays watched once.
        const previous = watched.get(hostId);
        watched.set(hostId, metrics);
        await socket.join(metricsRoom(hostId));
        previous?.stop();
        return { samples: metrics.recentSamples() };
      },
      metricsUnsubscribe({ hostId }) {
        const metrics = watched.get(hostId);
        if (!metrics) return;
        watched.delete(hostId);
        metrics.stop();
        void socket.leave(metricsRoom(hostId));
      },
      ...streams.handlers,
    });

    socket.on("disconnect", () => {
      for (const metrics of watched.values()) metrics.stop();
      watched.clear();
    });

    const recheck: Recheck = async (round) => {
      const account = await round.account(user.id);
      const loginAt = socket.data.loginAt as number | undefined;
      const expired = !loginAt || Date.now() - loginAt > sessionAbsoluteSeconds() * 1000;
      if (!account || expired || !sessionStands(account, loginAt)) {
        socket.emit(UiEvents.sessionEnded, { message: "Your session ended. Sign in again." });
        socket.disconnect(true);
        return;
      }
      // Handlers hold this object: a changed global role applies to them as well.
      Object.assign(user, account.user);
      await joinRooms(socket, user, round);
      for (const [hostId, metrics] of [...watched]) {
        if (!roleAllows(await round.role(user, hostId), metrics.permission)) {
          watched.delete(hostId);
          metrics.stop();
          socket.leave(metricsRoom(hostId));
        }
      }
      await streams.recheck(async (hostId, permission) =>
        roleAllows(await round.role(user, hostId), permission),
      );
    };
    socket.data.recheck = recheck;

    void joinRooms(socket, user, new AccessRound()).catch((err: unknown) =>
      console.error("ui socket:", err),
    );
  });
}

/** What the alert engine tells open tabs. */
export type AlertPushes = {
  /** Alerts of a host changed (null: not one host's): alert lists and counts load again. */
  alertsChanged(hostId: string | null): void;
  /** To these users' tabs: an alert that reaches them in the app fired or resolved. */
  alertNotification(userIds: readonly string[], payload: UiPushPayload<"alert.notification">): void;
};

export function alertPushes(
  ns: Namespace<UiClientToServerEvents, UiServerToClientEvents>,
): AlertPushes {
  return {
    alertsChanged: pushAlertsChanged,
    alertNotification(userIds, payload) {
      if (userIds.length > 0)
        ns.to(userIds.map(userRoom)).emit(UiEvents.alertNotification, payload);
    },
  };
}

/**
 * Puts the socket in the rooms for the broadcasts its user may receive (their own, and the
 * hosts they may see) and takes it out of any other host room.
 */
async function joinRooms(socket: UiSocket, user: SessionUser, round: AccessRound): Promise<void> {
  const wanted = new Set([userRoom(user.id)]);
  if (user.role === "ADMIN") wanted.add(ALL_HOSTS_ROOM);
  else for (const id of await round.visibleHostIds(user)) wanted.add(hostRoom(id));
  for (const room of socket.rooms) {
    if (room !== socket.id && !wanted.has(room) && !room.startsWith("metrics:")) {
      await socket.leave(room);
    }
  }
  await socket.join([...wanted]);
}
