import { db } from "@/lib/db";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/passwords";
import { recordAudit } from "@/lib/services/audit/record-audit";

export type LoginResult = { id: string; email: string; name: string } | null;

/**
 * Checks email and password. Unknown and disabled accounts go through the same steps as a wrong
 * password (one argon2 verification, one audit row), so timing tells nothing. The attempt was
 * already counted as a failure when it was admitted (admitLoginAttempt); success clears it.
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
  if (!ok) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  // The account's owner proved who they are: earlier typos no longer count against it.
  await db.loginFailure.deleteMany({ where: { email } });
  return { id: user.id, email: user.email, name: user.name };
}
