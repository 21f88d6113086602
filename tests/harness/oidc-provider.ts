import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";

export type OidcAccount = {
  email: string;
  /** Left out, or of the wrong type, as some providers send it. */
  email_verified?: boolean | string;
  name: string;
  groups?: string[];
};

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next sign-in at the provider authenticates as. */
  signInAs(sub: string, account: OidcAccount): void;
  stop(): Promise<void>;
};

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1. Its login step is
 * answered by the test: the next interaction signs in whoever `signInAs` named and grants the
 * requested scopes, the way a user at the provider's login page would.
 */
export async function startOidcProvider(opts: {
  port: number;
  redirectUri: string;
}): Promise<TestOidcProvider> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const clientId = "berth";
  const clientSecret = "a client secret for the test provider";
  const accounts = new Map<string, OidcAccount>();
  let current = "";

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "groups"],
    },
    // Berth reads the claims from the ID token.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
    },
  });
  provider.proxy = false;
  const callback = provider.callback();

  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith("/interaction/")) {
      void callback(req, res);
      return;
    }
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: current, clientId });
      const scope = (details.params as { scope?: string }).scope ?? "openid";
      grant.addOIDCScope(scope);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: current }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, "127.0.0.1", resolve));

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(sub, account) {
      accounts.set(sub, account);
      current = sub;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
