import { db, type AuditEvent } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import type { AuditQuery } from "@/lib/protocol";
import { auditWhere } from "./audit-filter";

export type AuditRow = {
  id: string;
  at: number;
  actor: string;
  actorId: string | null;
  hostId: string | null;
  hostName: string | null;
  action: string;
  target: string | null;
  params: string | null;
  outcome: "SUCCESS" | "FAILURE" | "DENIED";
  error: string | null;
  clientAddress: string | null;
};

export type AuditPage = { rows: AuditRow[]; nextBefore: string | null };

export const AUDIT_PAGE_SIZE = 50;

/** Hosts by id, including removed ones' names where they still exist. */
export async function hostNames(ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const hosts = await db.host.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true },
  });
  return new Map(hosts.map((h) => [h.id, h.name]));
}

export function toAuditRow(e: AuditEvent, names: Map<string, string>): AuditRow {
  return {
    id: e.id.toString(),
    at: e.at.getTime(),
    actor: e.actorLabel,
    actorId: e.actorId,
    hostId: e.hostId,
    hostName: e.hostId ? (names.get(e.hostId) ?? null) : null,
    action: e.action,
    target: e.target,
    params: e.params === null ? null : JSON.stringify(e.params),
    outcome: e.outcome,
    error: e.error,
    clientAddress: e.clientAddress,
  };
}

/** One page of the audit log, newest first, filtered in the query. */
export async function listAuditEvents(actor: SessionUser, query: AuditQuery): Promise<AuditPage> {
  requireGlobalPermission(actor, "audit.read");
  const events = await db.auditEvent.findMany({
    where: auditWhere(query),
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
  });
  const page = events.slice(0, AUDIT_PAGE_SIZE);
  const names = await hostNames(page.map((e) => e.hostId));
  return {
    rows: page.map((e) => toAuditRow(e, names)),
    nextBefore: events.length > AUDIT_PAGE_SIZE ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}
