import type { FastifyInstance } from "fastify";
import helmet from "@fastify/helmet";
import { AppError } from "./errors.ts";
import type { Config } from "../config.ts";

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The pages other sites may frame, for the network's website: its public member list (/networks/{slug}/members)
 * and its public statistics (/networks/{slug}/stats).
 */
export const embeddablePage = /^\/networks\/[^/?#]+\/(?:members|stats)\/?(?:[?#]|$)/;

/** Origins the browser app is served from: PUBLIC_URL and, in development, the address the server binds. */
export function allowedOrigins(config: Config): Set<string> {
  const origins = new Set([new URL(config.publicUrl).origin]);
  if (!config.production) {
    origins.add(`http://127.0.0.1:${config.port}`);
    origins.add(`http://localhost:${config.port}`);
    origins.add("http://127.0.0.1:5173");
    origins.add("http://localhost:5173");
  }
  return origins;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export async function registerSecurity(app: FastifyInstance, config: Config) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS only means something behind HTTPS.
    strictTransportSecurity: config.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
  });

  const origins = allowedOrigins(config);
  app.addHook("onRequest", async (request, reply) => {
    const path = request.url;
    if ((request.method === "GET" || request.method === "HEAD") && embeddablePage.test(path)) {
      // Helmet has set the headers on the raw response already: let any site frame this page, and only this one.
      reply.raw.removeHeader("x-frame-options");
      const csp = reply.raw.getHeader("content-security-policy");
      if (typeof csp === "string") reply.raw.setHeader("content-security-policy", csp.replace("frame-ancestors 'none'", "frame-ancestors *"));
    }
    if (path.startsWith("/api/v1") || path.startsWith("/api/auth") || path.startsWith("/api/setup")) {
      reply.header("cache-control", "no-store");
    }
    // CSRF: a state-changing request that rides on a cookie must come from our own origin.
    // Bearer-token requests carry no ambient credentials and are exempt.
    if (unsafeMethods.has(request.method) && request.headers.cookie && !request.headers.authorization) {
      const origin = request.headers.origin ?? originOf(request.headers.referer);
      if (!origin || !origins.has(origin)) {
        throw new AppError("csrf_origin_mismatch", "State-changing requests with a session cookie must come from this site (Origin header).");
      }
    }
  });
}
