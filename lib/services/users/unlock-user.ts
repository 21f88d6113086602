import { db } from "@/lib/db";
import { BerthError } from "@/lib/protocol";
import { recordAudit } from "@/lib/services/audit/record-audit";

/**
 * Lifts every sign-in lock on an account (from every address): its recorded failures are
 * forgotten. For an administrator at the server's command line, e.g. when an attacker's guesses
 * locked the account for everyone. Returns how many failures were forgotten.
 */
export async function unlockUser(email: string, actorLabel: string): Promise<number> {
  const address = email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email: address }, select: { id: true } });
  if (!user) throw new BerthError("NOT_FOUND", `There is no account for ${address}.`);
  const { count } = await db.loginFailure.deleteMany({ where: { email: address } });
  await recordAudit({
    actor: { label: actorLabel },
    action: "user.unlock",
    target: address,
    outcome: "SUCCESS",
    params: { failuresCleared: count },
  });
  return count;
}
