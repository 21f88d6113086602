import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/passwords";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import type { CreateUser } from "@/lib/protocol";
import { audited } from "@/lib/services/audit/audited";
import { EMAIL_TAKEN, isUniqueViolation } from "./user-errors";

export async function createUser(
  actor: SessionUser,
  input: CreateUser,
  clientAddress?: string,
): Promise<{ id: string }> {
  return audited(
    {
      actor,
      action: "user.create",
      target: input.email,
      params: { name: input.name, email: input.email, role: input.role },
      clientAddress,
    },
    async () => {
      requireGlobalPermission(actor, "users.manage");
      try {
        const user = await db.user.create({
          data: {
            name: input.name,
            email: input.email,
            role: input.role,
            passwordHash: await hashPassword(input.password),
          },
          select: { id: true },
        });
        return user;
      } catch (err) {
        if (isUniqueViolation(err)) throw EMAIL_TAKEN();
        throw err;
      }
    },
  );
}
