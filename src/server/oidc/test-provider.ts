import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { SignJWT, decodeJwt, exportJWK, generateKeyPair } from "jose";
import type { CryptoKey, JWTPayload } from "jose";

/*
 * A real OpenID provider for tests (oidc-provider, panva) on 127.0.0.1 with a random port and one confidential
 * test client. The test chooses who signs in (`loginAs`); consent is granted at once. `tamperIdToken` rewrites
 * the ID token in the token endpoint's answer (re-signed with the provider's key, or another key), to prove
 * that the app refuses a wrong issuer, a bad signature or an expired token.
 */

export type TestIdentity = { sub: string; email?: string; email_verified?: boolean; name?: string };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  loginAs(identity: TestIdentity): void;
  /** Rewrites the next token answers' ID token; null to stop. */
  tamperIdToken(rewrite: ((idToken: string) => Promise<string>) | null): void;
  /** Re-signs an ID token with changed claims: with the provider's own key, or with another key of the same kid. */
  resign(idToken: string, changes: JWTPayload, options?: { foreignKey?: boolean }): Promise<string>;
  /** Follows the provider's redirects (cookies kept) from the authorisation URL back to the redirect URI. */
  authorize(authorizationUrl: string): Promise<URL>;
  close(): Promise<void>;
};

export async function startTestProvider(options: { redirectUri: string }): Promise<TestProvider> {
  const clientId = "mangfold-test";
  const clientSecret = "test-client-secret-that-is-long-enough-0123456789";
  const kid = "test-signing-key";
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };

  let identity: TestIdentity | null = null;
  let rewrite: ((idToken: string) => Promise<string>) | null = null;
  const identities = new Map<string, TestIdentity>();

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ["test-provider-cookie-key"] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => {
        const found = identities.get(sub);
        return { sub, ...(found?.email !== undefined ? { email: found.email } : {}), ...(found?.email_verified !== undefined ? { email_verified: found.email_verified } : {}), ...(found?.name ? { name: found.name } : {}) };
      },
    }),
    // The test client is trusted: consent is given at once.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();

  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    void (async () => {
      if (req.url?.startsWith("/interaction/")) {
        if (!identity) throw new Error("the test did not say who signs in");
        identities.set(identity.sub, identity);
        await provider.interactionFinished(req, res, { login: { accountId: identity.sub } }, { mergeWithLastSubmission: false });
        return;
      }
      const tamper = rewrite;
      if (tamper && req.method === "POST" && req.url?.startsWith("/token")) {
        const end = res.end.bind(res) as (chunk?: unknown) => http.ServerResponse;
        res.end = ((chunk?: unknown) => {
          void (async () => {
            const body = JSON.parse(String(chunk)) as { id_token?: string };
            if (body.id_token) body.id_token = await tamper(body.id_token);
            const text = JSON.stringify(body);
            res.setHeader("content-length", Buffer.byteLength(text));
            end(text);
          })();
          return res;
        }) as typeof res.end;
      }
      callback(req, res);
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  const resign = async (idToken: string, changes: JWTPayload, opts: { foreignKey?: boolean } = {}) => {
    const key: CryptoKey = opts.foreignKey ? foreign.privateKey : privateKey;
    return new SignJWT({ ...decodeJwt(idToken), ...changes }).setProtectedHeader({ alg: "RS256", kid, typ: "JWT" }).sign(key);
  };

  return {
    issuer,
    clientId,
    clientSecret,
    loginAs: (next) => {
      identity = next;
    },
    tamperIdToken: (next) => {
      rewrite = next;
    },
    resign,
    async authorize(authorizationUrl) {
      const jar = new Map<string, string>();
      let current = authorizationUrl;
      for (let hop = 0; hop < 10; hop++) {
        if (current.startsWith(options.redirectUri)) return new URL(current);
        const response = await fetch(current, { redirect: "manual", headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") } });
        for (const cookie of response.headers.getSetCookie()) {
          const pair = cookie.split(";")[0]!;
          const at = pair.indexOf("=");
          const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
          if (value && !/max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) jar.set(name, value);
          else jar.delete(name);
        }
        const location = response.headers.get("location");
        if (!location) throw new Error(`the provider stopped at ${current}: ${response.status} ${await response.text()}`);
        current = new URL(location, current).href;
      }
      throw new Error("too many redirects at the provider");
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
