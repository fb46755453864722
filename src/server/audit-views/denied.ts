import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppContext } from "../platform/context.ts";
import { describeFailure } from "../platform/errors.ts";
import { deniedRequests } from "./tables.ts";

/*
 * Denied requests (ADR 026): every 401 and 403 on /api is recorded with who (when known), the route's pattern
 * (`/api/v1/candidates/:id`, never the path with its values), the method, the status, the problem's code and the
 * time. Never the body, the query, headers, tokens or cookies.
 *
 * The row is written after the response has gone (onResponse), without being awaited, so it never slows or fails
 * the request. At most `maxPending` writes are in flight; beyond that, rows are dropped and counted in the log
 * (a flood of denied requests must not exhaust the database's connections). Closing the app waits for them.
 */

const maxPending = 100;
const codePattern = /^[a-z_]{1,40}$/;

declare module "fastify" {
  interface FastifyRequest {
    deniedCode?: string;
  }
}

/** The problem's stable code from a serialized problem+json body; nothing else is read from it. */
function problemCode(payload: unknown): string {
  if (typeof payload !== "string" || payload.length > 10_000) return "unknown";
  try {
    const code = (JSON.parse(payload) as { code?: unknown }).code;
    return typeof code === "string" && codePattern.test(code) ? code : "unknown";
  } catch {
    return "unknown";
  }
}

const isDenied = (status: number) => status === 401 || status === 403;
const isApi = (request: FastifyRequest) => request.url.startsWith("/api/");

export function registerDeniedRequestLog(app: FastifyInstance, ctx: AppContext) {
  const pending = new Set<Promise<void>>();
  let dropped = 0;

  app.addHook("onSend", async (request, reply, payload) => {
    if (isDenied(reply.statusCode) && isApi(request)) request.deniedCode = problemCode(payload);
    return payload;
  });

  app.addHook("onResponse", async (request, reply) => {
    if (!isDenied(reply.statusCode) || !isApi(request)) return;
    if (pending.size >= maxPending) {
      dropped++;
      if (dropped === 1 || dropped % 1000 === 0) request.log.warn({ dropped }, "denied requests not recorded: too many at once");
      return;
    }
    const actor = request.actor;
    const row = {
      tenantId: actor?.tenantId ?? null,
      actorUserId: actor?.userId ?? null,
      actorTokenId: actor?.kind === "token" ? actor.tokenId : null,
      method: request.method.slice(0, 10),
      route: (request.routeOptions.url ?? "(no route)").slice(0, 200),
      status: reply.statusCode,
      code: request.deniedCode ?? "unknown",
    };
    const write = ctx.db
      .insert(deniedRequests)
      .values(row)
      .then(
        () => undefined,
        (error: unknown) => request.log.warn({ failure: describeFailure(error) }, "recording a denied request failed"),
      )
      .finally(() => pending.delete(write));
    pending.add(write);
  });

  app.addHook("onClose", async () => {
    await Promise.allSettled([...pending]);
  });

  /** For tests: resolves when every write started so far has finished. */
  return { settled: () => Promise.allSettled([...pending]).then(() => undefined) };
}
