import type { FastifyBaseLogger } from "fastify";
import type { AppContext } from "../platform/context.ts";
import { checkUnusualAccess } from "./unusual.ts";
import { pruneDeniedRequests } from "./service.ts";

/** How often the server checks the access log for unusual access. */
export const checkIntervalMs = 5 * 60_000;

/** Runs the check for unusual access every five minutes and prunes denied requests every hour. */
export function scheduleAuditChecks(ctx: AppContext, log: FastifyBaseLogger, describe: (error: unknown) => unknown) {
  let running = false;
  let lastPrune = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await checkUnusualAccess(ctx);
      if (result.flags > 0) log.warn(result, "unusual access flagged");
      if (Date.now() - lastPrune > 3_600_000) {
        lastPrune = Date.now();
        const pruned = await pruneDeniedRequests(ctx.db);
        if (pruned > 0) log.info({ pruned }, "old denied requests deleted");
      }
    } catch (error) {
      log.warn({ failure: describe(error) }, "the audit checks failed");
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 60_000);
  const timer = setInterval(() => void tick(), checkIntervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
