import { db } from "@/lib/db";
import { safeEqualHex, sha256Hex } from "@/lib/crypto";
import { hashPassword } from "@/lib/auth/passwords";
import { BerthError, type SetupAdmin } from "@/lib/protocol";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { SETUP_TOKEN_SETTING } from "./issue-setup-token";

/** Creates the first administrator with the one-time setup token; works exactly once. */
export async function createFirstAdmin(input: SetupAdmin, clientAddress?: string): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const user = await db.$transaction(async (tx) => {
    // Serialises concurrent attempts so only one first admin can ever be created.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727274)`;
    if ((await tx.user.count()) > 0) {
      throw new BerthError("CONFLICT", "Setup is already complete. Sign in instead.");
    }
    const setting = await tx.setting.findUnique({ where: { key: SETUP_TOKEN_SETTING } });
    if (!setting || !safeEqualHex(setting.value, sha256Hex(input.token))) {
      throw new BerthError(
        "UNAUTHENTICATED",
        "That setup token is not valid. Use the one the server printed last.",
      );
    }
    await tx.setting.delete({ where: { key: SETUP_TOKEN_SETTING } });
    return tx.user.create({
      data: { email: input.email, name: input.name, passwordHash, role: "ADMIN" },
    });
  });
  await recordAudit({
    actor: { id: user.id, email: user.email, name: user.name, role: user.role },
    action: "setup.admin.create",
    outcome: "SUCCESS",
    target: user.email,
    clientAddress,
  });
}
