import type { Config } from "../config.ts";
import type { Database, Db } from "./db.ts";
import type { Auth } from "./auth.ts";
import type { Mailer } from "../mail/service.ts";
import type { MatchingRegistry } from "../matching/registry.ts";

/** What every feature's routes and services get from the app: built once in app.ts, passed explicitly. */
export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  auth: Auth;
  mailer: Mailer;
  /** Requests per minute per IP: the whole API, sign-in and password endpoints, and one-off public actions. */
  rateLimits: RateLimits;
  /** The matching indexes of this instance, one per network, kept current from the database. */
  matching: MatchingRegistry;
};

export type RateLimits = { api: number; auth: number; sensitive: number };
export const defaultRateLimits: RateLimits = { api: 600, auth: 30, sensitive: 10 };
