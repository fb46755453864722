import { z } from "zod";
import { roles } from "./roles.ts";
import { carriesWhiteText, hexColourPattern } from "./colour.ts";
import { placementTypes } from "./placements.ts";
import { publicStatsSettingsSchema } from "./public-stats.ts";

/*
 * Request and response contracts shared by the server (validation, OpenAPI) and the web app (forms).
 * Request objects are strict: an unknown field is an error, not silently dropped.
 */

export const roleSchema = z.enum(roles);
export const uuidSchema = z.uuid();
export const emailSchema = z.email({ error: "must be an e-mail address" }).max(254).transform((e) => e.toLowerCase());
export const passwordSchema = z.string().min(10, { error: "must be at least 10 characters" }).max(256);
/** Names and free text: trimmed, no control characters. Markup is harmless here (React escapes, no HTML is built from it). */
export const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { error: "must not contain control characters" });
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$/, { error: "must be 1–50 lowercase letters, digits or hyphens, not starting or ending with a hyphen" });
export const themeColourSchema = z
  .string()
  .regex(hexColourPattern, { error: "must be a colour like #0062ba" })
  .refine(carriesWhiteText, { error: "is too light: white text on it must have a contrast of at least 4.5:1" });
export const localeSchema = z.enum(["nb", "en"]);

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const networkInputSchema = z.strictObject({
  name: textSchema(120).min(2),
  slug: slugSchema,
  municipality: textSchema(120).default(""),
});

export const setupRequestSchema = z.strictObject({
  network: networkInputSchema,
  admin: z.strictObject({ name: textSchema(120).min(1), email: emailSchema, password: passwordSchema }),
});

export const networkSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  slug: z.string(),
  municipality: z.string(),
  themeColor: z.string(),
  requireTwoFactorForAdmins: z.boolean(),
  goalTarget: z.number().int().nullable(),
  goalDeadline: z.string().nullable(),
  exclusionCostNok: z.number().int(),
  /** The placement types that count toward the goal. */
  goalPlacementTypes: z.array(z.enum(placementTypes)),
  /** Which headline figures the network publishes at /api/public/networks/{slug}/stats (see shared/public-stats.ts). */
  publicStats: publicStatsSettingsSchema,
});

export const networkPatchSchema = z.strictObject({
  name: textSchema(120).min(2).optional(),
  municipality: textSchema(120).optional(),
  themeColor: themeColourSchema.optional(),
  requireTwoFactorForAdmins: z.boolean().optional(),
  goalTarget: z.number().int().min(1).max(1_000_000).nullable().optional(),
  goalDeadline: z.iso.date().nullable().optional(),
  exclusionCostNok: z.number().int().min(0).max(1_000_000_000).optional(),
  /** Which placement types count toward the goal: at least one, each once. */
  goalPlacementTypes: z
    .array(z.enum(placementTypes))
    .min(1, { error: "must name at least one placement type" })
    .refine((types) => new Set(types).size === types.length, { error: "must not name a type twice" })
    .optional(),
  /** Publishing the headline figures: on or off, and which figures (replaced as a whole). */
  publicStats: publicStatsSettingsSchema.strict().optional(),
});

export const createNetworkSchema = z.strictObject({
  name: textSchema(120).min(2),
  slug: slugSchema,
  municipality: textSchema(120).default(""),
  admin: z.strictObject({ email: emailSchema }),
  /** Copy the way this network works (settings, stages, programme template, criteria, service types; never people). */
  templateNetworkId: uuidSchema.optional(),
});

export const memberSchema = z.object({
  userId: uuidSchema,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(["active", "disabled"]),
  twoFactorEnabled: z.boolean(),
  createdAt: z.string(),
});

/** A caseworker someone can be assigned to (GET /api/v1/caseworkers): no e-mail, no status. */
export const caseworkerSchema = z.object({ userId: uuidSchema, name: z.string(), role: roleSchema });
export const caseworkerListSchema = z.object({ items: z.array(caseworkerSchema) });

export const memberPatchSchema = z
  .strictObject({ role: roleSchema.optional(), status: z.enum(["active", "disabled"]).optional() })
  .refine((p) => p.role !== undefined || p.status !== undefined, { error: "give role or status" });

export const invitationRequestSchema = z.strictObject({ email: emailSchema, role: roleSchema });
export const invitationSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  role: roleSchema,
  expiresAt: z.string(),
  createdAt: z.string(),
});
export const publicInvitationSchema = z.object({
  networkName: z.string(),
  email: z.string(),
  role: roleSchema,
  expiresAt: z.string(),
  accountExists: z.boolean(),
});
export const acceptInvitationSchema = z.strictObject({
  name: textSchema(120).min(1).optional(),
  password: passwordSchema.optional(),
});

export const meSchema = z.object({
  user: z.object({
    id: uuidSchema,
    name: z.string(),
    email: z.string(),
    locale: z.string(),
    twoFactorEnabled: z.boolean(),
    instanceAdmin: z.boolean(),
  }),
  network: z.object({ id: uuidSchema, name: z.string(), slug: z.string(), themeColor: z.string(), municipality: z.string() }),
  role: roleSchema,
  networks: z.array(z.object({ id: uuidSchema, name: z.string(), slug: z.string(), role: roleSchema })),
  twoFactorRequired: z.boolean(),
});
/** A user's language: the staff pages speak nb and en; the candidate portal also ar, uk, pl, ti and so (shared/portal.ts). */
export const userLocaleSchema = z.enum(["nb", "en", "ar", "uk", "pl", "ti", "so"]);
export const mePatchSchema = z.strictObject({ name: textSchema(120).min(1).optional(), locale: userLocaleSchema.optional() });

export const outboxItemSchema = z.object({
  id: uuidSchema,
  recipient: z.string(),
  subject: z.string(),
  textBody: z.string().nullable(),
  status: z.enum(["stored", "sent", "failed"]),
  error: z.string().nullable(),
  createdAt: z.string(),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
