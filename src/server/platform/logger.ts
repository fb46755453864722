import type { FastifyServerOptions } from "fastify";

/**
 * pino options: JSON lines, with secrets and personal data redacted. Requests are logged by route pattern,
 * never by raw URL, so tokens and ids in paths or query strings never reach the log.
 */
export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  return {
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'res.headers["set-cookie"]',
        "*.password",
        "*.newPassword",
        "*.currentPassword",
        "*.token",
        "*.email",
        "*.name",
        "*.phone",
      ],
      censor: "[redacted]",
    },
    serializers: {
      req: (request: { method: string; routeOptions?: { url?: string }; id: string }) => ({
        id: request.id,
        method: request.method,
        route: request.routeOptions?.url ?? "(no route)",
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}
