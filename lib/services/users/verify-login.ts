import { db } from "@/lib/db";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/passwords";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { LOGIN_WINDOW_MS } from "./check-login-lockout";

export type LoginResult = { id: string; email: string; name: string } | null;

/** Remembers a failure for the lockout count and forgets those that left the window. */
async function recordLoginFailure(email: string, address: string | undefined): Promise<void> {
  await db.loginFailure.create({ data: { email, address: address ?? null } });
  await db.loginFailure.deleteMany({
    where: { at: { lt: new Date(Date.now() - LOGIN_WINDOW_MS) } },
  });
}

/**
 * Checks email and password. Unknown and disabled accounts go through the same steps as a wrong
 * password (one argon2 verification, one audit row, one failure row), so timing tells nothing.
 */
export async function verifyLogin(
  email: string,
  password: string,
  context: { clientAddress?: string } = {},
): Promise<LoginResult> {
  const user = await db.user.findUnique({ where: { email } });
  if (!user || user.disabled) {
    await burnPasswordCheck(password);
    await recordAudit({
      actor: { label: email },
      action: "user.login",
      outcome: "DENIED",
      error: user ? "account disabled" : "unknown account",
      clientAddress: context.clientAddress,
    });
    await recordLoginFailure(email, context.clientAddress);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  await recordAudit({
    actor: { id: user.id, email: user.email, name: user.name, role: user.role },
    action: "user.login",
    outcome: ok ? "SUCCESS" : "DENIED",
    error: ok ? null : "wrong password",
    clientAddress: context.clientAddress,
  });
  if (!ok) {
    await recordLoginFailure(email, context.clientAddress);
    return null;
  }
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  // The account's owner proved who they are: earlier typos no longer count against it.
  await db.loginFailure.deleteMany({ where: { email } });
  return { id: user.id, email: user.email, name: user.name };
}
