import { db } from "@/lib/db";
import { randomSecret } from "@/lib/crypto";
import { hashPassword } from "@/lib/auth/passwords";
import { accessChanged } from "@/lib/hub/access-signal";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { recordUnauthenticatedAudit } from "@/lib/services/audit/record-unauthenticated-audit";

export type OidcIdentity = {
  email: string;
  /** The provider's `email_verified` claim, as it came. */
  emailVerified: unknown;
  name: string;
  /** Team names from the provider's claim; null when teams are not mapped. */
  teams: string[] | null;
};

/**
 * Signs in a user the OpenID Connect provider vouched for: the Berth user with that email, or a
 * new one (global role USER, no host grants). With a teams claim configured, the user's team
 * memberships follow it: they join the named teams that exist in Berth and leave the others.
 * Returns the user's id, or null for a disabled account or an address the provider has not
 * verified: that could be anyone's, so it must neither pick an account nor make one that the
 * address's owner would later be matched to. Only `email_verified: true` counts (a missing claim
 * or the string "true" does not).
 */
export async function signInWithOidc(
  identity: OidcIdentity,
  clientAddress?: string,
): Promise<string | null> {
  const email = identity.email.trim().toLowerCase();
  const refuse = async (error: string) => {
    await recordUnauthenticatedAudit({
      actor: { label: email },
      action: "user.login.oidc",
      outcome: "DENIED",
      error,
      clientAddress,
    });
    return null;
  };
  if (identity.emailVerified !== true) return refuse("email address not verified");
  let user = await db.user.findUnique({ where: { email } });
  if (user?.disabled) return refuse("account disabled");
  const created = !user;
  // No password: an unguessable hash keeps password sign-in closed until an admin sets one.
  user ??= await db.user.create({
    data: {
      email,
      name: identity.name.slice(0, 100) || email,
      passwordHash: await hashPassword(randomSecret()),
    },
  });
  if (identity.teams) {
    const wanted = await db.team.findMany({
      where: { name: { in: identity.teams } },
      select: { id: true },
    });
    const ids = wanted.map((t) => t.id);
    await db.$transaction([
      db.teamMember.deleteMany({ where: { userId: user.id, teamId: { notIn: ids } } }),
      db.teamMember.createMany({
        data: ids.map((teamId) => ({ teamId, userId: user.id })),
        skipDuplicates: true,
      }),
    ]);
    accessChanged(user.id);
  }
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordAudit({
    actor: { id: user.id, email: user.email, name: user.name, role: user.role },
    action: "user.login.oidc",
    outcome: "SUCCESS",
    params: { created, ...(identity.teams ? { teams: identity.teams } : {}) },
    clientAddress,
  });
  return user.id;
}
