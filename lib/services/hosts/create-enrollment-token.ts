import { db } from "@/lib/db";
import { randomSecret, sha256Hex } from "@/lib/crypto";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import type { CreateEnrollment } from "@/lib/protocol";
import { recordAudit } from "@/lib/services/audit/record-audit";

export const ENROLLMENT_TTL_MS = 60 * 60 * 1000;

export type IssuedEnrollment = { token: string; expiresAt: Date };

/**
 * Issues a one-time enrolment token, valid for an hour. Only its hash is stored; the token is
 * returned once, for the install command. `system` is the server itself enrolling its local agent.
 */
export async function createEnrollmentToken(
  actor: SessionUser | { system: string },
  input: CreateEnrollment,
  clientAddress?: string,
): Promise<IssuedEnrollment> {
  if (!("system" in actor)) requireGlobalPermission(actor, "hosts.add");
  const token = randomSecret();
  const expiresAt = new Date(Date.now() + ENROLLMENT_TTL_MS);
  await db.enrollmentToken.create({
    data: {
      tokenHash: sha256Hex(token),
      hostName: input.hostName,
      createdById: "system" in actor ? null : actor.id,
      expiresAt,
    },
  });
  await recordAudit({
    actor: "system" in actor ? { label: actor.system } : actor,
    action: "host.enrollment.create",
    outcome: "SUCCESS",
    target: input.hostName,
    params: { hostName: input.hostName, expiresAt: expiresAt.toISOString() },
    clientAddress,
  });
  return { token, expiresAt };
}
