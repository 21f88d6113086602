import { db } from "@/lib/db";
import { BerthError } from "@/lib/protocol";

/** Refuses a change that would leave no enabled administrator to manage Berth. */
export async function requireAnotherActiveAdmin(userId: string): Promise<void> {
  const others = await db.user.count({
    where: { role: "ADMIN", disabled: false, id: { not: userId } },
  });
  if (others === 0) {
    throw new BerthError(
      "CONFLICT",
      "This is the last enabled administrator. Make someone else an administrator first.",
    );
  }
}

export async function findUserOr404(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new BerthError("NOT_FOUND", "No such user.");
  return user;
}

/** Prisma's unique violation on User.email, in words. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

export const EMAIL_TAKEN = () =>
  new BerthError("CONFLICT", "A user with this email already exists.", "email");
