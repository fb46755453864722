import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";

/*
 * Sign-in with the network's OpenID Connect providers (ADR 027): the providers an admin configures, and the
 * short-lived state of each sign-in that has been started (single use, kept on the server).
 */

/** An OpenID Connect provider of one network: the municipality's Entra ID for staff, ID-porten for candidates, … */
export const oidcProviders = pgTable(
  "oidc_providers",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id").notNull().references(() => networks.id, { onDelete: "cascade" }),
    /** The button says "Logg inn med <label>". */
    label: text("label").notNull(),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    /** AES-256-GCM under a key derived from SESSION_SECRET (secret-box.ts); never returned by the API. */
    clientSecretEncrypted: text("client_secret_encrypted").notNull(),
    scopes: text("scopes").notNull().default("openid email profile"),
    /** The roles that may sign in with this provider; a member of another role is refused. */
    roles: jsonb("roles").$type<string[]>().notNull(),
    /** The provider vouches for e-mail addresses without an email_verified claim (e.g. the organisation's own Entra ID). */
    trustEmail: boolean("trust_email").notNull().default(false),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("oidc_providers_tenant_idx").on(t.tenantId)],
);

/** A sign-in that was started: looked up by the hash of its state, deleted when used, refused after expiry. */
export const oidcSignInStates = pgTable(
  "oidc_sign_in_states",
  {
    stateHash: text("state_hash").primaryKey(),
    providerId: uuid("provider_id").notNull().references(() => oidcProviders.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id").notNull().references(() => networks.id, { onDelete: "cascade" }),
    /** Hash of the random value in the browser's binding cookie: a callback from another browser is refused. */
    browserHash: text("browser_hash").notNull(),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    returnTo: text("return_to"),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("oidc_sign_in_states_expires_idx").on(t.expiresAt)],
);
