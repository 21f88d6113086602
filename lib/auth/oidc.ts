import type { OAuthConfig } from "next-auth/providers/oauth";

/** Single sign-on through an OpenID Connect provider, configured by environment. */
export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the login button: "Sign in with <name>". */
  name: string;
  /** A claim holding the user's team names (e.g. "groups"); teams follow it at each sign-in. */
  teamsClaim: string | null;
};

export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const issuer = env.BERTH_OIDC_ISSUER?.trim();
  const clientId = env.BERTH_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.BERTH_OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer: issuer.replace(/\/+$/, ""),
    clientId,
    clientSecret,
    name: env.BERTH_OIDC_NAME?.trim() || "single sign-on",
    teamsClaim: env.BERTH_OIDC_TEAMS_CLAIM?.trim() || null,
  };
}

export type OidcProfile = {
  sub: string;
  email?: string;
  /** Providers send true, false, "true" or nothing: only true is trusted. */
  email_verified?: unknown;
  name?: string;
  preferred_username?: string;
  [claim: string]: unknown;
};

export function oidcProvider(settings: OidcSettings): OAuthConfig<OidcProfile> {
  return {
    id: "oidc",
    name: settings.name,
    type: "oauth",
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({
      id: profile.sub,
      email: profile.email ?? null,
      name: profile.name ?? profile.preferred_username ?? profile.email ?? null,
    }),
  };
}

/** The team names in the configured claim: a list, or one name. */
export function teamsFromClaim(profile: OidcProfile, claim: string | null): string[] | null {
  if (!claim) return null;
  const value = profile[claim];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? [value] : [];
}
