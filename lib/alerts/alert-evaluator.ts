import {
  LOG_PATTERN_LINE_MAX,
  type AlertCondition,
  type AlertHostMetric,
  type AlertRuleKind,
  type ContainerLifeEvent,
  type HostSample,
} from "@/lib/protocol";
import type { ImageCheckFinding } from "./alert-signals";
import * as words from "./alert-messages";
import { containerSubject, hostSubject, imageSubject, parseSubject } from "./alert-subjects";
import { ruleCoversContainer, ruleCoversHost, type CompiledRule } from "./compile-alert-rules";

/** A rule starts or stops firing for one subject. */
export type AlertTransition = {
  type: "fire" | "resolve";
  ruleId: string;
  subject: string;
  hostId: string;
  containerName: string | null;
  message: string;
  details: Record<string, unknown>;
  /** fire: the rule or this subject is silenced (recorded, not notified) */
  silenced: boolean;
  at: number;
};

export type HostFacts = { id: string; name: string; online: boolean; lastSeenAt: number | null };
/** An open AlertEvent, as stored. */
export type OpenAlert = { ruleId: string; subject: string };
/** An alert of this rule and subject was silenced until `until`: later firings are silenced too. */
export type SubjectSilence = { ruleId: string; subject: string; until: number };
export type ContainerFacts = {
  name: string;
  state: string;
  health: string;
  labels: Readonly<Record<string, string>>;
};
export type LogStream = "stdout" | "stderr";

type SubjectState = {
  firing: boolean;
  hostId: string;
  containerName: string | null;
  /**
   * host_metric: the first sample of the current breach; host_offline: offline since;
   * container_unhealthy: unhealthy since; container_restarts: adopted at (held one window)
   */
  since: number | null;
  /** log_pattern: the last matching line */
  lastMatchAt: number;
  /** container_restarts: when each restart in the window happened */
  restarts: number[];
  /** host_offline: not before this (a host counted offline from its last contact at a start) */
  notBefore: number;
  /** taken over from an open alert at a load, not yet checked against the host's containers */
  adopted: boolean;
};

type Condition<K extends AlertRuleKind> = Extract<AlertCondition, { kind: K }>;

const key = (a: string, b: string) => `${a}\n${b}`;

/**
 * After the first load, hosts that are not connected yet are counted offline from their last
 * contact, but none fires before this much time passed: agents reconnect with a backoff of up to
 * 30 s (plus jitter) after a server restart.
 */
export const OFFLINE_START_GRACE_MS = 45_000;

/**
 * Evaluates the alert rules against what the agents send, all in memory: per rule and subject it
 * keeps just enough state to fire once when a condition starts holding and resolve once when it
 * stops. It calls `emit` for each fire and resolve; storing and notifying is the caller's.
 * Time-based conditions (offline for, unhealthy for, restarts leaving the window, quiet logs)
 * advance in `tick`.
 */
export class AlertEvaluator {
  private rules = new Map<string, CompiledRule>();
  private byKind = new Map<AlertRuleKind, CompiledRule[]>();
  private states = new Map<string, Map<string, SubjectState>>();
  private hosts = new Map<string, HostFacts>();
  private silences = new Map<string, number>();
  /** hostId/name of containers whose last life event was a die on their own (their next start is a restart) */
  private readonly died = new Set<string>();
  /** The first load: hosts not connected then may still be reconnecting. */
  private firstLoadAt: number | null = null;

  constructor(private readonly emit: (transition: AlertTransition) => void) {}

  /**
   * Takes the enabled rules, the hosts, the open alerts and the subject silences, as stored now.
   * A rule whose condition and scope did not change keeps its state; open alerts are adopted as
   * firing (after a restart, or fired by another process) and resolve once their condition is
   * seen not to hold; open alerts of rules that are gone or no longer cover them resolve now.
   */
  load(input: {
    rules: readonly CompiledRule[];
    hosts: readonly HostFacts[];
    openAlerts: readonly OpenAlert[];
    silences: readonly SubjectSilence[];
    now: number;
  }): void {
    const { now } = input;
    this.firstLoadAt ??= now;
    const previous = this.rules;
    const previousStates = this.states;
    this.rules = new Map(input.rules.map((r) => [r.id, r]));
    this.byKind = new Map();
    this.states = new Map();
    for (const rule of input.rules) {
      const list = this.byKind.get(rule.condition.kind) ?? [];
      list.push(rule);
      this.byKind.set(rule.condition.kind, list);
      const kept = previous.get(rule.id)?.fingerprint === rule.fingerprint;
      this.states.set(rule.id, (kept && previousStates.get(rule.id)) || new Map());
    }
    const previousHosts = this.hosts;
    this.hosts = new Map(input.hosts.map((h) => [h.id, h]));
    this.silences = new Map(input.silences.map((s) => [key(s.ruleId, s.subject), s.until]));

    for (const open of input.openAlerts) {
      const parsed = parseSubject(open.subject);
      if (!parsed) continue;
      const rule = this.rules.get(open.ruleId);
      const hostId = parsed.hostId;
      const containerName = parsed.type === "container" ? parsed.name : null;
      if (!rule || !ruleCoversHost(rule, hostId)) {
        this.emitResolve(open.ruleId, open.subject, hostId, containerName, words.ruleGone(), now);
        continue;
      }
      const state = this.state(rule, open.subject, hostId, containerName);
      if (state.firing) continue;
      state.firing = true;
      state.adopted = true;
      state.lastMatchAt = now;
      if (rule.condition.kind === "container_restarts") state.since = now;
    }
    for (const [ruleId, states] of this.states) {
      for (const [subject, state] of states) {
        if (this.hosts.has(state.hostId)) continue;
        if (state.firing) {
          this.emitResolve(
            ruleId,
            subject,
            state.hostId,
            state.containerName,
            words.hostRemoved(previousHosts.get(state.hostId)?.name ?? state.hostId),
            now,
          );
        }
        states.delete(subject);
      }
    }
    for (const rule of this.byKind.get("host_offline") ?? []) {
      for (const host of input.hosts) {
        if (ruleCoversHost(rule, host.id)) this.offlineFact(rule, host, now, true);
      }
    }
  }

  /** The host's name as of the last load (its id when it is not known yet). */
  hostName(hostId: string): string {
    return this.hosts.get(hostId)?.name ?? hostId;
  }

  rule(ruleId: string): CompiledRule | undefined {
    return this.rules.get(ruleId);
  }

  /** Whether any log_pattern rule watches this container (so its log must be followed). */
  watchesLogsOf(hostId: string, container: Omit<ContainerFacts, "state" | "health">): boolean {
    return (this.byKind.get("log_pattern") ?? []).some(
      (rule) => ruleCoversHost(rule, hostId) && ruleCoversContainer(rule, container),
    );
  }

  onHostSample(hostId: string, sample: HostSample): void {
    const rules = this.byKind.get("host_metric");
    if (!rules) return;
    for (const rule of rules) {
      if (!ruleCoversHost(rule, hostId)) continue;
      const c = rule.condition as Condition<"host_metric">;
      const value = metricValue(c.metric, sample);
      if (value === null) continue;
      const subject = hostSubject(hostId);
      const breached = c.op === "above" ? value > c.threshold : value < c.threshold;
      if (breached) {
        const state = this.state(rule, subject, hostId, null);
        state.since ??= sample.at;
        if (!state.firing && sample.at - state.since >= c.forSeconds * 1000) {
          const host = this.hostName(hostId);
          this.fire(
            rule,
            state,
            subject,
            sample.at,
            words.metricFired(c.metric, value, c.op, c.threshold, c.forSeconds, host),
            {
              metric: c.metric,
              value,
              op: c.op,
              threshold: c.threshold,
              forSeconds: c.forSeconds,
            },
          );
        }
        continue;
      }
      const state = this.states.get(rule.id)?.get(subject);
      if (!state) continue;
      if (state.firing) {
        const host = this.hostName(hostId);
        this.resolve(
          rule,
          state,
          subject,
          sample.at,
          words.metricResolved(c.metric, value, c.op, c.threshold, host),
        );
      }
      this.states.get(rule.id)?.delete(subject);
    }
  }

  onHostStatus(hostId: string, online: boolean, at: number): void {
    const host = this.hosts.get(hostId);
    if (host) {
      host.online = online;
      host.lastSeenAt = at;
    }
    // a breach must hold over samples in a row; a gap while offline starts it again
    for (const rule of this.byKind.get("host_metric") ?? []) {
      const state = this.states.get(rule.id)?.get(hostSubject(hostId));
      if (state) state.since = null;
    }
    for (const rule of this.byKind.get("host_offline") ?? []) {
      if (!ruleCoversHost(rule, hostId)) continue;
      this.offlineFact(
        rule,
        { id: hostId, name: this.hostName(hostId), online, lastSeenAt: at },
        at,
        false,
      );
    }
  }

  onContainerEvent(hostId: string, event: ContainerLifeEvent): void {
    const at = event.at;
    const subject = containerSubject(hostId, event.name);
    const containerKey = key(hostId, event.name);
    const covering = (kind: AlertRuleKind) =>
      (this.byKind.get(kind) ?? []).filter(
        (rule) => ruleCoversHost(rule, hostId) && ruleCoversContainer(rule, event),
      );
    switch (event.action) {
      case "die": {
        // a restart someone asked for (docker restart, a redeploy) is no restart loop
        if (!event.requested) this.died.add(containerKey);
        else this.died.delete(containerKey);
        const code = event.exitCode ?? 0;
        if (code !== 0 && !event.requested) {
          for (const rule of covering("container_exit")) {
            const c = rule.condition as Condition<"container_exit">;
            if (c.ignoreExitCodes.includes(code)) continue;
            const state = this.state(rule, subject, hostId, event.name);
            if (!state.firing) {
              this.fire(rule, state, subject, at, words.exitFired(event.name, code), {
                exitCode: code,
                image: event.image,
                containerId: event.id,
              });
            }
          }
        }
        this.endUnhealthy(subject, at, words.stoppedUnhealthy(event.name));
        break;
      }
      case "start": {
        const restarted = this.died.delete(containerKey);
        for (const kind of ["container_exit", "container_oom"] as const) {
          for (const rule of this.byKind.get(kind) ?? []) {
            const state = this.states.get(rule.id)?.get(subject);
            if (!state) continue;
            if (state.firing)
              this.resolve(rule, state, subject, at, words.runningAgain(event.name));
            this.states.get(rule.id)?.delete(subject);
          }
        }
        if (!restarted) break;
        for (const rule of covering("container_restarts")) {
          const c = rule.condition as Condition<"container_restarts">;
          const state = this.state(rule, subject, hostId, event.name);
          state.restarts.push(at);
          pruneWindow(state.restarts, at - c.windowMinutes * 60_000);
          if (!state.firing && state.restarts.length > c.count) {
            this.fire(
              rule,
              state,
              subject,
              at,
              words.restartsFired(event.name, state.restarts.length, c.windowMinutes),
              {
                restarts: state.restarts.length,
                count: c.count,
                windowMinutes: c.windowMinutes,
                image: event.image,
                containerId: event.id,
              },
            );
          }
        }
        break;
      }
      case "oom": {
        for (const rule of covering("container_oom")) {
          const state = this.state(rule, subject, hostId, event.name);
          if (!state.firing) {
            this.fire(rule, state, subject, at, words.oomFired(event.name), {
              image: event.image,
              containerId: event.id,
            });
          }
        }
        break;
      }
      case "health_status": {
        if (event.health === "unhealthy") {
          for (const rule of covering("container_unhealthy")) {
            const state = this.state(rule, subject, hostId, event.name);
            state.since ??= at;
          }
          this.tick(at);
        } else if (event.health === "healthy") {
          this.endUnhealthy(subject, at, words.healthyAgain(event.name));
        }
        break;
      }
    }
  }

  /**
   * A host's whole container list, as its agent sent it on connecting: alerts about containers
   * that are gone or running again resolve; unhealthy ones start counting.
   */
  onContainers(hostId: string, containers: readonly ContainerFacts[], now: number): void {
    this.settle(hostId, containers, now, false);
    for (const rule of this.byKind.get("container_unhealthy") ?? []) {
      if (!ruleCoversHost(rule, hostId)) continue;
      for (const container of containers) {
        if (container.health !== "unhealthy" || container.state !== "running") continue;
        if (!ruleCoversContainer(rule, container)) continue;
        const subject = containerSubject(hostId, container.name);
        const state = this.state(rule, subject, hostId, container.name);
        state.since ??= now;
      }
    }
    this.tick(now);
  }

  /**
   * Alerts adopted at a load, checked once against the host's last known containers. Only those:
   * the list may lag the life events a little, so it must not overrule what they said.
   */
  settleAdopted(hostId: string, containers: readonly ContainerFacts[], now: number): void {
    this.settle(hostId, containers, now, true);
  }

  private settle(
    hostId: string,
    containers: readonly ContainerFacts[],
    now: number,
    adoptedOnly: boolean,
  ): void {
    const byName = new Map(containers.map((c) => [c.name, c]));
    for (const [ruleId, states] of this.states) {
      const rule = this.rules.get(ruleId);
      if (!rule) continue;
      for (const [subject, state] of [...states]) {
        if (state.hostId !== hostId || state.containerName === null) continue;
        if (adoptedOnly && !state.adopted) continue;
        state.adopted = false;
        const name = state.containerName;
        const container = byName.get(name);
        const kind = rule.condition.kind;
        if (!container) {
          if (kind === "log_pattern") continue; // resolves when quiet
          if (state.firing) this.resolve(rule, state, subject, now, words.containerRemoved(name));
          states.delete(subject);
          this.died.delete(key(hostId, name));
        } else if (
          (kind === "container_exit" || kind === "container_oom") &&
          container.state === "running"
        ) {
          if (state.firing) this.resolve(rule, state, subject, now, words.runningAgain(name));
          states.delete(subject);
        } else if (kind === "container_unhealthy") {
          if (container.state !== "running" || container.health === "healthy") {
            const message =
              container.state === "running"
                ? words.healthyAgain(name)
                : words.stoppedUnhealthy(name);
            if (state.firing) this.resolve(rule, state, subject, now, message);
            states.delete(subject);
          }
        }
      }
    }
  }

  /** A container was removed from its host. */
  onContainerGone(hostId: string, name: string, at: number): void {
    const subject = containerSubject(hostId, name);
    this.died.delete(key(hostId, name));
    for (const [ruleId, states] of this.states) {
      const rule = this.rules.get(ruleId);
      const state = states.get(subject);
      if (!rule || !state || rule.condition.kind === "log_pattern") continue;
      if (state.firing) this.resolve(rule, state, subject, at, words.containerRemoved(name));
      states.delete(subject);
    }
  }

  /** One log line (its text without the record's stream letter and time). */
  onLogLine(
    hostId: string,
    container: { name: string; labels: Readonly<Record<string, string>> },
    stream: LogStream,
    text: string,
    at: number,
  ): void {
    const rules = this.byKind.get("log_pattern");
    if (!rules) return;
    const line = text.length > LOG_PATTERN_LINE_MAX ? text.slice(0, LOG_PATTERN_LINE_MAX) : text;
    for (const rule of rules) {
      const c = rule.condition as Condition<"log_pattern">;
      if (c.stream !== "any" && c.stream !== stream) continue;
      if (!ruleCoversHost(rule, hostId) || !ruleCoversContainer(rule, container)) continue;
      if (!rule.pattern!.test(line)) continue;
      const subject = containerSubject(hostId, container.name);
      const state = this.state(rule, subject, hostId, container.name);
      state.lastMatchAt = at;
      if (!state.firing) {
        this.fire(rule, state, subject, at, words.logFired(rule.pattern!, container.name, line), {
          line,
          stream,
          pattern: c.pattern,
        });
      }
    }
  }

  /** Image update checks answered for a host. */
  onImageChecks(hostId: string, findings: readonly ImageCheckFinding[], now: number): void {
    for (const rule of this.byKind.get("image_update") ?? []) {
      if (!ruleCoversHost(rule, hostId)) continue;
      const filtered = rule.containerName !== null || rule.labels.length > 0;
      for (const finding of findings) {
        const containers = finding.containers.filter((c) => ruleCoversContainer(rule, c));
        if (filtered && containers.length === 0) continue;
        const subject = imageSubject(hostId, finding.imageRef);
        if (finding.status === "update_available") {
          const state = this.state(rule, subject, hostId, null);
          if (!state.firing) {
            this.fire(rule, state, subject, now, words.imageFired(finding.imageRef), {
              imageRef: finding.imageRef,
              localDigest: finding.localDigest,
              remoteDigest: finding.remoteDigest,
              containers: containers.map((c) => c.name),
            });
          }
        } else if (finding.status === "up_to_date") {
          const state = this.states.get(rule.id)?.get(subject);
          if (!state) continue;
          if (state.firing)
            this.resolve(rule, state, subject, now, words.imageResolved(finding.imageRef));
          this.states.get(rule.id)?.delete(subject);
        }
      }
    }
  }

  /** Advances time-based conditions; cheap enough to call every second. */
  tick(now: number): void {
    for (const rule of this.byKind.get("host_offline") ?? []) {
      const c = rule.condition as Condition<"host_offline">;
      for (const [subject, state] of this.states.get(rule.id) ?? []) {
        if (state.firing || state.since === null || now - state.since < c.forSeconds * 1000)
          continue;
        if (now < state.notBefore) continue;
        this.fire(
          rule,
          state,
          subject,
          now,
          words.offlineFired(this.hostName(state.hostId), now - state.since),
          {
            offlineSince: new Date(state.since).toISOString(),
            forSeconds: c.forSeconds,
          },
        );
      }
    }
    for (const rule of this.byKind.get("container_unhealthy") ?? []) {
      const c = rule.condition as Condition<"container_unhealthy">;
      for (const [subject, state] of this.states.get(rule.id) ?? []) {
        if (state.firing || state.since === null || now - state.since < c.forSeconds * 1000)
          continue;
        this.fire(
          rule,
          state,
          subject,
          now,
          words.unhealthyFired(state.containerName ?? "", now - state.since),
          {
            unhealthySince: new Date(state.since).toISOString(),
            forSeconds: c.forSeconds,
          },
        );
      }
    }
    for (const rule of this.byKind.get("container_restarts") ?? []) {
      const c = rule.condition as Condition<"container_restarts">;
      const windowMs = c.windowMinutes * 60_000;
      const states = this.states.get(rule.id);
      for (const [subject, state] of states ?? []) {
        pruneWindow(state.restarts, now - windowMs);
        if (state.restarts.length > c.count) continue;
        if (state.firing) {
          if (state.since !== null && now - state.since < windowMs) continue;
          this.resolve(
            rule,
            state,
            subject,
            now,
            words.restartsResolved(state.containerName ?? "", c.count, c.windowMinutes),
          );
        }
        if (state.restarts.length === 0) states?.delete(subject);
      }
    }
    for (const rule of this.byKind.get("log_pattern") ?? []) {
      const c = rule.condition as Condition<"log_pattern">;
      const states = this.states.get(rule.id);
      for (const [subject, state] of states ?? []) {
        if (now - state.lastMatchAt < c.quietSeconds * 1000) continue;
        if (state.firing) {
          this.resolve(
            rule,
            state,
            subject,
            now,
            words.logResolved(rule.pattern!, state.containerName ?? "", c.quietSeconds),
          );
        }
        states?.delete(subject);
      }
    }
  }

  /** `fromLoad`: the host was not seen going offline, only found not connected at a load. */
  private offlineFact(rule: CompiledRule, host: HostFacts, now: number, fromLoad: boolean): void {
    const subject = hostSubject(host.id);
    if (host.online) {
      const state = this.states.get(rule.id)?.get(subject);
      if (!state) return;
      if (state.firing) this.resolve(rule, state, subject, now, words.offlineResolved(host.name));
      this.states.get(rule.id)?.delete(subject);
      return;
    }
    const state = this.state(rule, subject, host.id, null);
    if (state.since !== null) return;
    state.since = host.lastSeenAt ?? now;
    state.notBefore = fromLoad ? (this.firstLoadAt ?? now) + OFFLINE_START_GRACE_MS : 0;
  }

  private endUnhealthy(subject: string, at: number, message: string): void {
    for (const rule of this.byKind.get("container_unhealthy") ?? []) {
      const state = this.states.get(rule.id)?.get(subject);
      if (!state) continue;
      if (state.firing) this.resolve(rule, state, subject, at, message);
      this.states.get(rule.id)?.delete(subject);
    }
  }

  private state(
    rule: CompiledRule,
    subject: string,
    hostId: string,
    containerName: string | null,
  ): SubjectState {
    let states = this.states.get(rule.id);
    if (!states) this.states.set(rule.id, (states = new Map()));
    let state = states.get(subject);
    if (!state) {
      state = {
        firing: false,
        hostId,
        containerName,
        since: null,
        lastMatchAt: 0,
        restarts: [],
        notBefore: 0,
        adopted: false,
      };
      states.set(subject, state);
    }
    return state;
  }

  private fire(
    rule: CompiledRule,
    state: SubjectState,
    subject: string,
    at: number,
    message: string,
    details: Record<string, unknown>,
  ): void {
    state.firing = true;
    const silencedUntil = Math.max(
      rule.silencedUntil ?? 0,
      this.silences.get(key(rule.id, subject)) ?? 0,
    );
    this.emit({
      type: "fire",
      ruleId: rule.id,
      subject,
      hostId: state.hostId,
      containerName: state.containerName,
      message,
      details,
      silenced: silencedUntil > at,
      at,
    });
  }

  private resolve(
    rule: CompiledRule,
    state: SubjectState,
    subject: string,
    at: number,
    message: string,
  ): void {
    state.firing = false;
    this.emitResolve(rule.id, subject, state.hostId, state.containerName, message, at);
  }

  private emitResolve(
    ruleId: string,
    subject: string,
    hostId: string,
    containerName: string | null,
    message: string,
    at: number,
  ): void {
    this.emit({
      type: "resolve",
      ruleId,
      subject,
      hostId,
      containerName,
      message,
      details: {},
      silenced: false,
      at,
    });
  }
}

function metricValue(metric: AlertHostMetric, sample: HostSample): number | null {
  switch (metric) {
    case "memPercent":
      return sample.memTotalBytes > 0 ? (sample.memUsedBytes / sample.memTotalBytes) * 100 : null;
    case "diskPercent":
      return sample.diskTotalBytes > 0
        ? (sample.diskUsedBytes / sample.diskTotalBytes) * 100
        : null;
    default:
      return sample[metric];
  }
}

/** Drops the times before `from` (the list is in time order). */
function pruneWindow(times: number[], from: number): void {
  let drop = 0;
  while (drop < times.length && times[drop]! < from) drop += 1;
  if (drop > 0) times.splice(0, drop);
}
