import { getToken } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { cookies, headers } from "next/headers";
import { BerthError } from "@/lib/protocol";
import { sessionAbsoluteSeconds } from "./config";
import { userFromClaims, type SessionUser } from "./session-user";

/** The signed-in user for a server component, route handler or server action; null if none. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const cookieStore = await cookies();
  const headerList = await headers();
  // getToken verifies the session JWT (signature and expiry); the claims then meet the database.
  const token = await getToken({
    req: {
      cookies: Object.fromEntries(cookieStore.getAll().map((c) => [c.name, c.value])),
      headers: Object.fromEntries(headerList.entries()),
    } as never,
    secret: process.env.NEXTAUTH_SECRET,
  });
  return userFromClaims(token as never, sessionAbsoluteSeconds());
}

/** For pages: sends anonymous visitors to the login page. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** For route handlers and server actions. */
export async function requireApiUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new BerthError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}
