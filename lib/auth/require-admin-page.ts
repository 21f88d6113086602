import { notFound } from "next/navigation";
import { requirePageUser } from "./current-user";
import type { SessionUser } from "./session-user";

/** For administration pages: anyone but an administrator gets the not-found page. */
export async function requireAdminPage(): Promise<SessionUser> {
  const user = await requirePageUser();
  if (user.role !== "ADMIN") notFound();
  return user;
}
