import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { clientAddressFrom } from "@/lib/http/client-address";
import { verifyLogin } from "@/lib/services/users/verify-login";
import { sessionAbsoluteSeconds, sessionIdleSeconds } from "./config";

const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

export const authOptions: NextAuthOptions = {
  pages: { signIn: "/login" },
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
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
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
