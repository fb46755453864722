import { z } from "zod";
import { roles } from "./roles.ts";

/*
 * Sign-in with the network's OpenID Connect providers (ADR 027): the admin's settings and the sign-in page's
 * buttons. The client secret goes in and never comes out: the API says only whether one is stored.
 */

/** https, or http on this machine (a provider for development and tests). */
export const issuerSchema = z
  .url({ protocol: /^https?$/, error: "must be an https:// URL" })
  .max(500)
  // zod runs these checks after a failed .url() too, so they must not throw on a string that is no URL.
  .refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    return url !== null && (url.protocol === "https:" || ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname));
  }, "must be an https:// URL")
  .refine((value) => URL.canParse(value) && !new URL(value).search && !new URL(value).hash, "must not have a query or fragment");

const labelSchema = z.string().trim().min(1).max(60);
const scopesSchema = z
  .string()
  .trim()
  .max(300)
  .regex(/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/, "space-separated scope names")
  .refine((value) => value.split(" ").includes("openid"), "must include openid");
const rolesSchema = z.array(z.enum(roles)).min(1).max(roles.length).refine((list) => new Set(list).size === list.length, "roles must not repeat");

export const oidcProviderInputSchema = z.strictObject({
  label: labelSchema,
  issuer: issuerSchema,
  clientId: z.string().trim().min(1).max(300),
  clientSecret: z.string().min(1).max(1000),
  scopes: scopesSchema.default("openid email profile"),
  roles: rolesSchema,
  trustEmail: z.boolean().default(false),
  enabled: z.boolean().default(true),
});

export const oidcProviderPatchSchema = z.strictObject({
  label: labelSchema.optional(),
  issuer: issuerSchema.optional(),
  clientId: z.string().trim().min(1).max(300).optional(),
  /** Leave out to keep the stored secret. */
  clientSecret: z.string().min(1).max(1000).optional(),
  scopes: scopesSchema.optional(),
  roles: rolesSchema.optional(),
  trustEmail: z.boolean().optional(),
  enabled: z.boolean().optional(),
});

export const oidcProviderSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  scopes: z.string(),
  roles: z.array(z.enum(roles)),
  trustEmail: z.boolean(),
  enabled: z.boolean(),
  /** Register this address as the redirect URI at the provider. */
  redirectUri: z.string(),
  updatedAt: z.string(),
});
export type OidcProvider = z.infer<typeof oidcProviderSchema>;

export const oidcProviderListSchema = z.object({ items: z.array(oidcProviderSchema), redirectUri: z.string() });

export const signInOptionSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  /** Start here (a full-page navigation). */
  startUrl: z.string(),
});
export const signInOptionsSchema = z.object({ networkName: z.string(), providers: z.array(signInOptionSchema) });
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

/** Where to go after sign-in: a path in this app only (no open redirect). */
export const returnToSchema = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/, "must be a path in this app");

export const oidcStartQuerySchema = z.strictObject({ returnTo: returnToSchema.optional() });

export const oidcCallbackQuerySchema = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
  session_state: z.string().max(500).optional(),
});

/** The sign-in page reads ?oidcError=<code> and shows a message for it. */
export const oidcErrorCodes = ["oidc_state_invalid", "oidc_token_invalid", "oidc_no_account", "oidc_provider_unavailable", "oidc_denied", "account_disabled"] as const;
