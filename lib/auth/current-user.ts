import { getToken } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { cookies, headers } from "next/headers";
import { BerthError } from "@/lib/protocol";
import { sessionAbsoluteSeconds } from "./config";
import { userFromClaims, type SessionUser } from "./session-user";

/** The signed-in user for a server component, route handler or server action; null if none. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  return (await getCurrentSession())?.user ?? null;
}

/** The signed-in user with the time their session signed in. */
async function getCurrentSession(): Promise<{ user: SessionUser; loginAt: number } | null> {
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
  const user = await userFromClaims(token as never, sessionAbsoluteSeconds());
  // userFromClaims accepts only claims that carry the sign-in time.
  return user ? { user, loginAt: (token as { loginAt: number }).loginAt } : null;
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

/** For a route handler that acts on the session itself (a password change keeps it). */
export async function requireApiSession(): Promise<{ user: SessionUser; loginAt: number }> {
  const session = await getCurrentSession();
  if (!session) throw new BerthError("UNAUTHENTICATED", "Sign in to continue.");
  return session;
}
