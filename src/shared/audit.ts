import { z } from "zod";

/*
 * The audit page's contracts (ADR 026): searching the audit trail (changes) and the access log (reads), denied
 * requests, flags of unusual access, the network's threshold, and the record of processing activities.
 */

const dateSchema = z.iso.date({ error: "must be a date (YYYY-MM-DD)" });

/** Filters shared by the changes and the reads. `action` is the change's action or the read's purpose. */
export const auditFilterSchema = z.strictObject({
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  userId: z.uuid().optional(),
  action: z.string().trim().min(1).max(80).optional(),
  entityType: z.string().trim().min(1).max(80).optional(),
  entityId: z.string().trim().min(1).max(80).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditSearchQuerySchema = auditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const auditExportQuerySchema = auditFilterSchema.extend({ format: z.enum(["csv", "xlsx"]).default("csv") });

const whoSchema = z.object({ kind: z.enum(["user", "token", "system"]), id: z.string().nullable(), name: z.string() });
export type Who = z.infer<typeof whoSchema>;

export const auditChangeSchema = z.object({
  id: z.string(),
  at: z.string(),
  who: whoSchema,
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** The names of the fields the change touched; the values stay in the database. */
  fields: z.array(z.string()),
});
export type AuditChange = z.infer<typeof auditChangeSchema>;

export const auditReadSchema = z.object({
  id: z.string(),
  at: z.string(),
  who: whoSchema,
  purpose: z.string(),
  personType: z.string(),
  personId: z.string(),
});
export type AuditRead = z.infer<typeof auditReadSchema>;

export const deniedQuerySchema = z.strictObject({
  /** network: the network's own; unauthenticated: callers not known (instance administrators only). */
  scope: z.enum(["network", "unauthenticated"]).default("network"),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const deniedRequestSchema = z.object({
  id: z.string(),
  at: z.string(),
  who: whoSchema.nullable(),
  method: z.string(),
  route: z.string(),
  status: z.number().int(),
  code: z.string(),
});
export type DeniedRequest = z.infer<typeof deniedRequestSchema>;

export const accessFlagSchema = z.object({
  id: z.string(),
  who: whoSchema,
  kind: z.string(),
  firstAt: z.string(),
  lastAt: z.string(),
  profiles: z.number().int(),
  maxProfiles: z.number().int(),
  windowMinutes: z.number().int(),
  notifiedAt: z.string().nullable(),
});
export type AccessFlag = z.infer<typeof accessFlagSchema>;

export const auditSettingsSchema = z.object({ maxProfiles: z.number().int(), windowMinutes: z.number().int() });
export const auditSettingsPatchSchema = z.strictObject({
  maxProfiles: z.number().int().min(5).max(10_000).optional(),
  windowMinutes: z.number().int().min(1).max(24 * 60).optional(),
});
export const defaultAuditSettings = { maxProfiles: 50, windowMinutes: 10 } as const;

// -----------------------------------------------------------------------------------------------------------
// Record of processing activities (GDPR art. 30)
// -----------------------------------------------------------------------------------------------------------

const text2 = z.object({ nb: z.string(), en: z.string() });
export const processingRecordSchema = z.object({
  controller: z.object({ network: z.string(), municipality: z.string() }),
  generatedAt: z.string(),
  purposes: z.array(
    z.object({
      key: z.string(),
      name: text2,
      description: text2,
      legalBasis: text2,
      /** The consent text's version, when the purpose rests on consent. */
      consentVersion: z.string().nullable(),
      dataCategories: z.array(z.string()),
    }),
  ),
  people: z.array(z.object({ key: z.string(), name: text2, count: z.number().int().nullable() })),
  dataCategories: z.array(z.object({ key: z.string(), name: text2, special: z.boolean(), fields: z.array(z.string()) })),
  recipients: z.array(z.object({ key: z.string(), name: text2, condition: text2 })),
  retention: z.array(z.object({ key: z.string(), name: text2, rule: text2, months: z.number().int().nullable() })),
  security: z.array(z.object({ key: z.string(), name: text2 })),
  transfers: text2,
});
export type ProcessingRecord = z.infer<typeof processingRecordSchema>;
