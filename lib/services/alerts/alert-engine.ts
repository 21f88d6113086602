import { db, Prisma, type AlertEvent } from "@/lib/db";
import type {
  AlertEventView,
  ContainerChange,
  ContainerLifeEvent,
  HostSample,
  HostStatus,
} from "@/lib/protocol";
import { grantsOnHostWhere } from "@/lib/auth/guard";
import { onAlertSignal, type AlertSignal } from "@/lib/alerts/alert-signals";
import { AlertEvaluator, type AlertTransition } from "@/lib/alerts/alert-evaluator";
import { compileAlertRules } from "@/lib/alerts/compile-alert-rules";
import type { AgentHub } from "@/lib/hub/agent-hub";
import type { AlertPushes } from "@/lib/hub/ui-namespace";
import { AlertLogWatcher } from "./alert-log-watcher";
import { enqueueAlertDeliveries } from "./enqueue-alert-deliveries";

/** A safety net (rules changed in this process reload at once); a bad value falls back to 30 s. */
const configuredReloadMs = Number(process.env.BERTH_ALERT_RULES_RELOAD_MS ?? 30_000);
const RELOAD_MS =
  Number.isFinite(configuredReloadMs) && configuredReloadMs >= 100 ? configuredReloadMs : 30_000;
const TICK_MS = 1_000;

type ContainersChange = { kind: "snapshot" } | ContainerChange;

/**
 * Evaluates the alert rules against what the agents already send (host samples, connections,
 * container life events and lists, followed logs) and the image checks, all in memory
 * (lib/alerts/alert-evaluator.ts). The database is read when rules are loaded (at start, on a
 * `rulesChanged` signal and every BERTH_ALERT_RULES_RELOAD_MS) and written only when an alert
 * fires or resolves. The partial unique index on open events makes a second open event of one
 * rule and subject fail, so of several processes only one records a firing.
 */
export class AlertEngine {
  private readonly evaluator = new AlertEvaluator((t) => this.record(t));
  private readonly logs: AlertLogWatcher;
  /** per rule and subject, the store operations in order (a resolve waits for its fire) */
  private readonly writes = new Map<string, Promise<void>>();
  /** hosts whose container list arrived since they connected */
  private readonly listed = new Set<string>();
  /** container names by host and id: a removal names only the id */
  private readonly names = new Map<string, Map<string, string>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: Array<() => void> = [];
  private loading: Promise<void> | null = null;
  private loadAgain = false;
  private stopped = false;

  constructor(
    private readonly hub: AgentHub,
    private readonly pushes: AlertPushes,
  ) {
    this.logs = new AlertLogWatcher(
      hub,
      (hostId, container) => this.evaluator.watchesLogsOf(hostId, container),
      (hostId, container, stream, text) =>
        this.evaluator.onLogLine(hostId, container, stream, text, Date.now()),
    );
  }

  start(): void {
    const onSample = ({ hostId, sample }: { hostId: string; sample: HostSample }) =>
      this.evaluator.onHostSample(hostId, sample);
    const onStatus = (status: HostStatus) => this.onStatus(status);
    const onContainers = ({ hostId, change }: { hostId: string; change: ContainersChange }) =>
      this.onContainers(hostId, change);
    // on the server's clock, like the one `tick` runs on
    const onContainerEvent = ({ hostId, event }: { hostId: string; event: ContainerLifeEvent }) =>
      this.evaluator.onContainerEvent(hostId, { ...event, at: Date.now() });
    this.hub.on("sample", onSample);
    this.hub.on("status", onStatus);
    this.hub.on("containers", onContainers);
    this.hub.on("containerEvent", onContainerEvent);
    // a host added or removed: its name and whether it counts are read again
    const onHosts = () => this.reload();
    this.hub.on("hosts", onHosts);
    this.unsubscribe.push(() => {
      this.hub.off("sample", onSample);
      this.hub.off("status", onStatus);
      this.hub.off("containers", onContainers);
      this.hub.off("containerEvent", onContainerEvent);
      this.hub.off("hosts", onHosts);
    });
    this.unsubscribe.push(onAlertSignal((signal) => this.onSignal(signal)));
    this.timers.push(setInterval(() => this.evaluator.tick(Date.now()), TICK_MS));
    this.timers.push(setInterval(() => this.reload(), RELOAD_MS));
    for (const timer of this.timers) timer.unref();
    this.reload();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const off of this.unsubscribe) off();
    this.logs.stopAll();
    await this.loading;
    await Promise.all(this.writes.values());
  }

  private onSignal(signal: AlertSignal): void {
    if (signal.kind === "rulesChanged") this.reload();
    else this.evaluator.onImageChecks(signal.hostId, signal.findings, Date.now());
  }

  private onStatus(status: HostStatus): void {
    if (!status.online) this.listed.delete(status.hostId);
    this.evaluator.onHostStatus(status.hostId, status.online, Date.now());
    this.logs.sync(status.hostId);
  }

  private onContainers(hostId: string, change: ContainersChange): void {
    let names = this.names.get(hostId);
    if (!names) this.names.set(hostId, (names = new Map()));
    if (change.kind === "snapshot") {
      this.listed.add(hostId);
      const list = this.hub.containers.list(hostId);
      names.clear();
      for (const c of list) names.set(c.id, c.name);
      this.evaluator.onContainers(hostId, list, Date.now());
    } else if (change.kind === "upsert") {
      names.set(change.container.id, change.container.name);
    } else {
      const name = names.get(change.id);
      names.delete(change.id);
      if (name !== undefined) this.evaluator.onContainerGone(hostId, name, Date.now());
    }
    this.logs.sync(hostId);
  }

  /** Reads rules, scopes, hosts, open alerts and silences; a call while one runs runs once more after. */
  private reload(): void {
    if (this.stopped) return;
    if (this.loading) {
      this.loadAgain = true;
      return;
    }
    this.loading = this.load()
      .catch((err: unknown) =>
        console.error("alert rules:", err instanceof Error ? err.message : err),
      )
      .finally(() => {
        this.loading = null;
        if (this.loadAgain) {
          this.loadAgain = false;
          this.reload();
        }
      });
  }

  private async load(): Promise<void> {
    // firings and resolutions under way land first, so the open alerts read below include them
    await Promise.all(this.writes.values());
    const now = new Date();
    const [rows, members, hosts, open, silenced] = await Promise.all([
      db.alertRule.findMany({ where: { enabled: true } }),
      db.hostGroupMember.findMany({ select: { groupId: true, hostId: true } }),
      db.host.findMany({
        where: { keyHash: { not: null } },
        select: { id: true, name: true, lastSeenAt: true },
      }),
      db.alertEvent.findMany({
        where: { resolvedAt: null },
        select: { ruleId: true, subject: true },
      }),
      db.alertEvent.findMany({
        where: { silencedUntil: { gt: now } },
        select: { ruleId: true, subject: true, silencedUntil: true },
      }),
    ]);
    if (this.stopped) return;
    const groups = new Map<string, string[]>();
    for (const m of members) groups.set(m.groupId, [...(groups.get(m.groupId) ?? []), m.hostId]);
    const { rules, problems } = compileAlertRules(rows, groups);
    for (const problem of problems) console.error(problem);
    this.evaluator.load({
      rules,
      hosts: hosts.map((h) => ({
        id: h.id,
        name: h.name,
        online: this.hub.isOnline(h.id),
        lastSeenAt: h.lastSeenAt?.getTime() ?? null,
      })),
      openAlerts: open,
      silences: silenced.map((s) => ({
        ruleId: s.ruleId,
        subject: s.subject,
        until: s.silencedUntil!.getTime(),
      })),
      now: now.getTime(),
    });
    // the containers known now settle alerts taken over from the database (running again, removed)
    for (const hostId of this.listed) {
      this.evaluator.settleAdopted(hostId, this.hub.containers.list(hostId), Date.now());
    }
    for (const hostId of new Set([...this.listed, ...this.logs.hosts()])) this.logs.sync(hostId);
  }

  private record(t: AlertTransition): void {
    const key = `${t.ruleId}\n${t.subject}`;
    const previous = this.writes.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => (t.type === "fire" ? this.storeFiring(t) : this.storeResolution(t)))
      .catch((err: unknown) =>
        console.error(`alert ${t.type} (${t.subject}):`, err instanceof Error ? err.message : err),
      );
    this.writes.set(key, next);
    void next.finally(() => {
      if (this.writes.get(key) === next) this.writes.delete(key);
    });
  }

  private async storeFiring(t: AlertTransition): Promise<void> {
    const rule = this.evaluator.rule(t.ruleId);
    if (!rule) return;
    let event: AlertEvent;
    try {
      event = await db.alertEvent.create({
        data: {
          ruleId: rule.id,
          ruleName: rule.name,
          kind: rule.condition.kind,
          severity: rule.severity,
          subject: t.subject,
          hostId: t.hostId,
          hostName: this.evaluator.hostName(t.hostId),
          containerName: t.containerName,
          message: t.message,
          details: t.details as Prisma.InputJsonObject,
          silenced: t.silenced,
        },
      });
    } catch (err) {
      // P2002: already open (another process recorded it); P2003: the rule was just deleted
      if (
        err instanceof Prisma.PrismaClientKnownRequestError &&
        ["P2002", "P2003"].includes(err.code)
      ) {
        return;
      }
      throw err;
    }
    await this.announce(event, "fired", !t.silenced);
  }

  private async storeResolution(t: AlertTransition): Promise<void> {
    const open = await db.alertEvent.findFirst({
      where: { ruleId: t.ruleId, subject: t.subject, resolvedAt: null },
    });
    if (!open) return;
    const resolvedAt = new Date();
    const done = await db.alertEvent.updateMany({
      where: { id: open.id, resolvedAt: null },
      data: { resolvedAt, resolvedMessage: t.message },
    });
    if (done.count !== 1) return;
    const rule = this.evaluator.rule(t.ruleId);
    const silenced =
      open.silenced ||
      (open.silencedUntil !== null && open.silencedUntil > resolvedAt) ||
      (rule?.silencedUntil ?? 0) > resolvedAt.getTime();
    await this.announce({ ...open, resolvedAt, resolvedMessage: t.message }, "resolved", !silenced);
  }

  /** Queues the channels' notifications and tells open tabs; a silenced alert only updates lists. */
  private async announce(
    event: AlertEvent,
    trigger: "fired" | "resolved",
    notify: boolean,
  ): Promise<void> {
    if (notify) await enqueueAlertDeliveries(event.id, trigger);
    this.pushes.alertsChanged(event.hostId);
    if (!notify || event.hostId === null) return;
    const [recipients, deliveries] = await Promise.all([
      this.inAppRecipients(event.ruleId, event.hostId),
      db.alertDelivery.groupBy({ by: ["status"], where: { eventId: event.id }, _count: true }),
    ]);
    const count = (status: string) => deliveries.find((d) => d.status === status)?._count ?? 0;
    this.pushes.alertNotification(recipients, {
      trigger,
      event: eventView(event, {
        sent: count("sent"),
        failed: count("failed"),
        pending: count("pending"),
      }),
    });
  }

  /** Users who may read the host (every role can) and did not turn the rule off in the app. */
  private async inAppRecipients(ruleId: string, hostId: string): Promise<string[]> {
    const grants = grantsOnHostWhere(hostId);
    const users = await db.user.findMany({
      where: {
        disabled: false,
        OR: [
          { role: "ADMIN" },
          { hostAccess: { some: grants } },
          { teams: { some: { team: { hostAccess: { some: grants } } } } },
        ],
        NOT: { alertPreferences: { some: { ruleId, inApp: false } } },
      },
      select: { id: true },
    });
    return users.map((u) => u.id);
  }
}

function eventView(event: AlertEvent, deliveries: AlertEventView["deliveries"]): AlertEventView {
  return {
    id: event.id,
    ruleId: event.ruleId,
    ruleName: event.ruleName,
    kind: event.kind,
    severity: event.severity,
    subject: event.subject,
    hostId: event.hostId,
    hostName: event.hostName,
    containerName: event.containerName,
    message: event.message,
    details: (event.details ?? {}) as Record<string, unknown>,
    firedAt: event.firedAt.toISOString(),
    resolvedAt: event.resolvedAt?.toISOString() ?? null,
    resolvedMessage: event.resolvedMessage,
    silenced: event.silenced,
    silencedUntil: event.silencedUntil?.toISOString() ?? null,
    silencedBy: event.silencedBy,
    deliveries,
  };
}
