import { db } from "@/lib/db";
import { randomSecret, sha256Hex } from "@/lib/crypto";
import {
  BerthError,
  PROTOCOL_VERSION,
  type EnrollRequest,
  type EnrollResponse,
} from "@/lib/protocol";
import { getAgentHub } from "@/lib/hub/agent-hub";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { recordUnauthenticatedAudit } from "@/lib/services/audit/record-unauthenticated-audit";

/** Exchanges a one-time enrolment token for a new host and its own key (shown once). */
export async function enrollAgent(
  input: EnrollRequest,
  clientAddress?: string,
): Promise<EnrollResponse> {
  const refuse = async (reason: string, message: string): Promise<never> => {
    await recordUnauthenticatedAudit({
      actor: { label: `agent@${input.hostname}` },
      action: "host.enroll",
      outcome: "DENIED",
      target: input.hostname,
      error: reason,
      clientAddress,
    });
    throw new BerthError("UNAUTHENTICATED", message);
  };

  if (input.protocolVersion !== PROTOCOL_VERSION) {
    throw new BerthError(
      "PROTOCOL_MISMATCH",
      `This server speaks protocol ${PROTOCOL_VERSION}; the agent speaks ${input.protocolVersion}. Install the agent from this server.`,
    );
  }
  const token = await db.enrollmentToken.findUnique({
    where: { tokenHash: sha256Hex(input.token) },
  });
  if (!token) return refuse("unknown token", "This enrolment token is not valid.");
  if (token.usedAt) {
    return refuse(
      "token already used",
      "This enrolment token was already used. Create a new one with Add host.",
    );
  }
  if (token.expiresAt.getTime() <= Date.now()) {
    return refuse(
      "token expired",
      "This enrolment token has expired. Create a new one with Add host.",
    );
  }

  const hostKey = randomSecret();
  const host = await db.$transaction(async (tx) => {
    // The conditional update makes the token single-use even under concurrent attempts.
    const claimed = await tx.enrollmentToken.updateMany({
      where: { id: token.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) return null;
    if (token.hostId) {
      // A re-enrolment token: the existing host gets a new key; the old one stops working.
      return tx.host.update({
        where: { id: token.hostId },
        data: {
          hostname: input.hostname,
          keyHash: sha256Hex(hostKey),
          agentVersion: input.agentVersion,
        },
      });
    }
    const created = await tx.host.create({
      data: {
        name: token.hostName ?? input.hostname,
        hostname: input.hostname,
        keyHash: sha256Hex(hostKey),
        agentVersion: input.agentVersion,
      },
    });
    await tx.enrollmentToken.update({ where: { id: token.id }, data: { hostId: created.id } });
    return created;
  });
  if (!host) {
    return refuse(
      "token already used",
      "This enrolment token was already used. Create a new one with Add host.",
    );
  }
  // A re-enrolment replaced the key: connections made with the old one end now.
  if (token.hostId) {
    getAgentHub().disconnectHost(host.id, "This host's agent key was replaced by re-enrolment.");
  } else {
    getAgentHub().hostListChanged(host.id);
  }
  await recordAudit({
    actor: { label: `agent@${input.hostname}` },
    action: "host.enroll",
    outcome: "SUCCESS",
    hostId: host.id,
    target: host.name,
    clientAddress,
  });
  return { hostId: host.id, hostKey };
}
