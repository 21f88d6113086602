import { db } from "@/lib/db";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/passwords";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { recordUnauthenticatedAudit } from "@/lib/services/audit/record-unauthenticated-audit";
import { admitLoginAttempt } from "./admit-login-attempt";

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; retryAfterSeconds: number | null };

/**
 * Checks email and password, after the lockout admitted the attempt (admitLoginAttempt counts
 * it as a failure first; success clears the failures of this account from this address). A
 * locked attempt is refused without its password being checked. Unknown and disabled accounts go
 * through the same steps as a wrong password (one argon2 verification, one audit row), so
 * timing tells nothing.
 */
export async function verifyLogin(
  email: string,
  password: string,
  context: { clientAddress?: string } = {},
): Promise<LoginResult> {
  const address = context.clientAddress;
  const refused = (error: string) =>
    recordUnauthenticatedAudit({
      actor: { label: email },
      action: "user.login",
      outcome: "DENIED",
      error,
      clientAddress: address,
    });
  const retryAfterSeconds = await admitLoginAttempt(email, address);
  if (retryAfterSeconds !== null) {
    await refused("too many failed attempts");
    return { ok: false, retryAfterSeconds };
  }
  const user = await db.user.findUnique({ where: { email } });
  if (!user || user.disabled) {
    await burnPasswordCheck(password);
    await refused(user ? "account disabled" : "unknown account");
    return { ok: false, retryAfterSeconds: null };
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordUnauthenticatedAudit({
      actor: { id: user.id, email: user.email, name: user.name, role: user.role },
      action: "user.login",
      outcome: "DENIED",
      error: "wrong password",
      clientAddress: address,
    });
    return { ok: false, retryAfterSeconds: null };
  }
  await recordAudit({
    actor: { id: user.id, email: user.email, name: user.name, role: user.role },
    action: "user.login",
    outcome: "SUCCESS",
    clientAddress: address,
  });
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  // The owner proved who they are here: their typos from this address no longer count.
  await db.loginFailure.deleteMany({ where: { email, address: address ?? null } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
