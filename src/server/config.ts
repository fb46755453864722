import path from "node:path";
import { z } from "zod";

/**
 * The process configuration, read once from the environment (CONTRACT.md lists the variables).
 * Invalid configuration is reported as one line naming the variable, and the process stops.
 */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  sessionSecret: string;
  logLevel: string;
  /** Requests per minute per IP address for the API (sign-in and one-off actions have tighter limits). */
  apiRateLimit: number;
  production: boolean;
  /** Take the client address from X-Forwarded-For only when a reverse proxy that sets it is the only way in. */
  trustProxy: boolean;
  /** Behind HTTPS: Secure + __Host- cookies and HSTS. Derived from PUBLIC_URL. */
  https: boolean;
  /** PGlite only: whether commits wait for the disk (survive a power cut) or only for the OS (survive a process kill). */
  pgliteFsync: "on" | "off";
  /** Base URL of Enhetsregisteret's open API (the Brønnøysund register lookup), without a trailing slash. */
  brregUrl: string;
  /** How long a register lookup may take before the app gives up and says so. */
  brregTimeoutMs: number;
};

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const variables = {
  PORT: z.coerce.number({ error: "must be a port number (0–65535)" }).int({ error: "must be a port number (0–65535)" }).min(0, { error: "must be a port number (0–65535)" }).max(65535, { error: "must be a port number (0–65535)" }),
  HOST: z.string().min(1),
  MANGFOLD_DATA_DIR: z.string().min(1),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL"),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters"),
  API_RATE_LIMIT: z.coerce.number({ error: "must be a whole number of requests per minute" }).int({ error: "must be a whole number of requests per minute" }).min(1, { error: "must be at least 1" }),
  TRUST_PROXY: z.enum(["true", "false"], { error: "must be true or false" }),
  PGLITE_FSYNC: z.enum(["on", "off"], { error: "must be on or off" }),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }),
  BRREG_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }),
  BRREG_TIMEOUT_MS: z.coerce
    .number({ error: "must be a whole number of milliseconds (100–60000)" })
    .int({ error: "must be a whole number of milliseconds (100–60000)" })
    .min(100, { error: "must be a whole number of milliseconds (100–60000)" })
    .max(60_000, { error: "must be a whole number of milliseconds (100–60000)" }),
} as const;

export const defaultBrregUrl = "https://data.brreg.no/enhetsregisteret/api";

export class ConfigError extends Error {}

function read<K extends keyof typeof variables>(
  env: NodeJS.ProcessEnv,
  name: K,
): z.infer<(typeof variables)[K]> | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const parsed = variables[name].safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${name} ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  }
  return parsed.data as z.infer<(typeof variables)[K]>;
}

/** A fixed development secret: fine on a laptop, refused in production. */
const developmentSecret = "mangfold-development-secret-not-for-production-use";

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === "production";
  const port = read(env, "PORT") ?? 3000;
  const host = read(env, "HOST") ?? "127.0.0.1";
  const sessionSecret = read(env, "SESSION_SECRET");
  if (production && !sessionSecret) {
    throw new ConfigError("Invalid configuration: SESSION_SECRET is required when NODE_ENV=production");
  }
  const publicUrl = (read(env, "PUBLIC_URL") ?? `http://${host.includes(":") ? `[${host}]` : host}:${port}`).replace(/\/$/, "");
  return {
    port,
    host,
    dataDir: path.resolve(read(env, "MANGFOLD_DATA_DIR") ?? "./data"),
    databaseUrl: read(env, "DATABASE_URL"),
    publicUrl,
    smtpUrl: read(env, "SMTP_URL"),
    sessionSecret: sessionSecret ?? developmentSecret,
    logLevel: read(env, "LOG_LEVEL") ?? "info",
    apiRateLimit: read(env, "API_RATE_LIMIT") ?? 600,
    trustProxy: read(env, "TRUST_PROXY") === "true",
    production,
    https: publicUrl.startsWith("https://"),
    pgliteFsync: read(env, "PGLITE_FSYNC") ?? "on",
    brregUrl: (read(env, "BRREG_URL") ?? defaultBrregUrl).replace(/\/+$/, ""),
    brregTimeoutMs: read(env, "BRREG_TIMEOUT_MS") ?? 5000,
  };
}
