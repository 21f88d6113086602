import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { clientAddressFrom } from "@/lib/http/client-address";
import { findUserIdByEmail } from "@/lib/services/users/find-user-id-by-email";
import { signInWithOidc } from "@/lib/services/users/sign-in-with-oidc";
import { verifyLogin } from "@/lib/services/users/verify-login";
import { sameOriginPath } from "./callback-url";
import { oidcProvider, oidcSettings, teamsFromClaim, type OidcProfile } from "./oidc";
import { lockoutCode } from "./sign-in-lockout";
import { sessionAbsoluteSeconds, sessionIdleSeconds } from "./config";

const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

const oidc = oidcSettings();

export const authOptions: NextAuthOptions = {
  // Sign-in failures (e.g. a refused single sign-on) come back to the login form, in words.
  pages: { signIn: "/login", error: "/login" },
  session: {
    strategy: "jwt",
    // Sliding idle timeout: the cookie is re-issued on activity (components/auth/session-keeper).
    maxAge: sessionIdleSeconds(),
    updateAge: Math.min(60, Math.max(1, Math.floor(sessionIdleSeconds() / 4))),
  },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      /**
       * Every password check goes through the lockout here, in the provider itself: whatever
       * URL reached it (next-auth routes /callback/credentials/<anything> to it). A locked
       * attempt fails with the lockout code, which the route answers with HTTP 429.
       */
      async authorize(credentials, req) {
        const parsed = CredentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const headers = (req.headers ?? {}) as Record<string, string | undefined>;
        const result = await verifyLogin(parsed.data.email, parsed.data.password, {
          clientAddress: clientAddressFrom((name) => headers[name]),
        });
        if (result.ok) return result.user;
        if (result.retryAfterSeconds !== null) {
          throw new Error(lockoutCode(result.retryAfterSeconds));
        }
        return null;
      },
    }),
    ...(oidc ? [oidcProvider(oidc)] : []),
  ],
  callbacks: {
    /** Only pages of this site: a callbackUrl naming another origin goes to the start page. */
    redirect({ url, baseUrl }) {
      if (url.startsWith(baseUrl)) url = url.slice(baseUrl.length) || "/";
      const path = sameOriginPath(url, baseUrl);
      return path ? new URL(path, baseUrl).toString() : baseUrl;
    },
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc" || !oidc) return true;
      const claims = profile as OidcProfile | undefined;
      if (!claims?.email) return false;
      const id = await signInWithOidc({
        email: claims.email,
        emailVerified: claims.email_verified,
        name: user.name ?? claims.email,
        teams: teamsFromClaim(claims, oidc.teamsClaim),
      });
      return id !== null;
    },
    async jwt({ token, user, account }) {
      if (user) {
        // An OIDC user is known to the provider by its subject, to Berth by the email it matched.
        token.uid =
          account?.provider === "oidc"
            ? ((await findUserIdByEmail(user.email ?? "")) ?? undefined)
            : user.id;
        token.loginAt = Date.now();
      }
      return token;
    },
    async session({ session, token }) {
      const loginAt = typeof token.loginAt === "number" ? token.loginAt : 0;
      session.expires = new Date(
        Math.min(Date.parse(session.expires), loginAt + sessionAbsoluteSeconds() * 1000),
      ).toISOString();
      return session;
    },
  },
};
