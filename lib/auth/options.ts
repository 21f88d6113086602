import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { clientAddressFrom } from "@/lib/http/client-address";
import { findUserIdByEmail } from "@/lib/services/users/find-user-id-by-email";
import { signInWithOidc } from "@/lib/services/users/sign-in-with-oidc";
import { verifyLogin } from "@/lib/services/users/verify-login";
import { oidcProvider, oidcSettings, teamsFromClaim, type OidcProfile } from "./oidc";
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
      async authorize(credentials, req) {
        const parsed = CredentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const headers = (req.headers ?? {}) as Record<string, string | undefined>;
        const user = await verifyLogin(parsed.data.email, parsed.data.password, {
          clientAddress: clientAddressFrom((name) => headers[name]),
        });
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
    ...(oidc ? [oidcProvider(oidc)] : []),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc" || !oidc) return true;
      const claims = profile as OidcProfile | undefined;
      // An address the provider has not verified could be anyone's: it must not pick an account.
      if (!claims?.email || claims.email_verified === false) return false;
      const id = await signInWithOidc({
        email: claims.email,
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
