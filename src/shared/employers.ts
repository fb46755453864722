import { z } from "zod";
import { emailSchema, textSchema, uuidSchema } from "./contracts.ts";
import { naceCodePattern, naceSectionOf, naceSections } from "./nace.ts";
import { normaliseOrgNumber, orgNumberProblem } from "./orgnr.ts";

/*
 * The employer contract (issue 4), shared by the server (validation, OpenAPI) and the web app (forms): employers,
 * their contacts, the activity timeline with follow-up tasks, membership and certificates.
 */

/** prospect → contacted → member → certified, or lapsed (from any of them). */
export const membershipStatuses = ["prospect", "contacted", "member", "certified", "lapsed"] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];
export const sizeBands = ["unknown", "1-4", "5-9", "10-19", "20-49", "50-99", "100-249", "250+"] as const;
export const activityKinds = ["visit", "call", "meeting", "email", "event", "note"] as const;
export const certificateKinds = ["membership", "certification"] as const;
/** Suggested tags; a network may use any other. */
export const suggestedEmployerTags = ["pioneer", "steering_group", "partner"] as const;

/** Accepts "921 234 567", "921234567" or "NO921234567MVA"; stores nine digits. */
export const orgNumberSchema = z
  .string()
  .transform(normaliseOrgNumber)
  .superRefine((digits, ctx) => {
    const problem = orgNumberProblem(digits);
    if (problem === "not_nine_digits") ctx.addIssue({ code: "custom", message: "must be 9 digits, e.g. 921 234 567" });
    if (problem === "wrong_check_digit")
      ctx.addIssue({ code: "custom", message: "is not a valid organisation number: the check digit (the last digit) does not match — check for a typing error" });
  });

export const naceCodeSchema = z
  .string()
  .trim()
  .regex(naceCodePattern, { error: "must be an industry code (SN2007/NACE) such as 47.111 or 56" })
  .refine((code) => naceSectionOf(code) !== null, { error: "is not an industry division that exists in SN2007" });

const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{5,20}$/, { error: "must be a phone number, e.g. +47 912 34 567" });
const websiteSchema = z
  .string()
  .trim()
  .max(300)
  .transform((url) => (url && !/^https?:\/\//i.test(url) ? `https://${url}` : url))
  .refine((url) => url === "" || URL.canParse(url), { error: "must be a web address, e.g. https://example.no" });
const tagSchema = textSchema(40)
  .min(1)
  .transform((tag) => tag.toLowerCase());

export const employerInputSchema = z.strictObject({
  orgNumber: orgNumberSchema,
  name: textSchema(200).min(1),
  naceCode: naceCodeSchema.nullable().default(null),
  sizeBand: z.enum(sizeBands).default("unknown"),
  municipality: textSchema(80).default(""),
  address: textSchema(200).default(""),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{4})?$/, { error: "must be a four-digit postal code" })
    .default(""),
  postalPlace: textSchema(80).default(""),
  website: websiteSchema.default(""),
  tags: z.array(tagSchema).max(20).default([]),
  notes: textSchema(5000).default(""),
  /** The employer agreed to be named on the network's public member list. */
  publicListing: z.boolean().default(false),
  /** Only when creating; later changes go through the status route, which keeps the history. */
  membershipStatus: z.enum(membershipStatuses).default("prospect"),
});
export type EmployerInput = z.infer<typeof employerInputSchema>;
export const employerPatchSchema = employerInputSchema.omit({ membershipStatus: true }).partial().strict();

export const employerCreateQuerySchema = z.strictObject({
  /** `true` creates the employer even when another has the same organisation number in this network. */
  confirmNotDuplicate: z.enum(["true", "false"]).default("false"),
});

export const contactInputSchema = z.strictObject({
  name: textSchema(120).min(1),
  role: textSchema(120).default(""),
  email: emailSchema.nullable().default(null),
  phone: phoneSchema.nullable().default(null),
});
export const contactPatchSchema = contactInputSchema.partial().strict();
export const contactSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  role: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** invited: an invitation is open; user: the contact signs in as an employer user. */
  access: z.enum(["none", "invited", "user"]),
});

export const statusChangeSchema = z.object({
  from: z.enum(membershipStatuses).nullable(),
  to: z.enum(membershipStatuses),
  changedAt: z.string(),
  by: z.object({ userId: uuidSchema, name: z.string() }).nullable(),
  note: z.string(),
});
export const statusChangeInputSchema = z.strictObject({ status: z.enum(membershipStatuses), note: textSchema(500).default("") });

export const certificateSchema = z.object({
  id: uuidSchema,
  kind: z.enum(certificateKinds),
  code: z.string(),
  issuedAt: z.string(),
  validUntil: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  state: z.enum(["valid", "expired", "revoked"]),
});

export const employerSchema = z.object({
  id: uuidSchema,
  orgNumber: z.string(),
  name: z.string(),
  naceCode: z.string().nullable(),
  naceSection: z.enum(naceSections).nullable(),
  sizeBand: z.enum(sizeBands),
  municipality: z.string(),
  address: z.string(),
  postalCode: z.string(),
  postalPlace: z.string(),
  website: z.string(),
  tags: z.array(z.string()),
  notes: z.string(),
  publicListing: z.boolean(),
  membershipStatus: z.enum(membershipStatuses),
  membershipStatusChangedAt: z.string(),
  lastContactAt: z.string().nullable(),
  /** Hires through the network (placements) with this employer, all time. */
  hires: z.number().int(),
  contacts: z.array(contactSchema),
  statusHistory: z.array(statusChangeSchema),
  certificates: z.array(certificateSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const employerListItemSchema = z.object({
  id: uuidSchema,
  orgNumber: z.string(),
  name: z.string(),
  naceCode: z.string().nullable(),
  naceSection: z.enum(naceSections).nullable(),
  municipality: z.string(),
  tags: z.array(z.string()),
  membershipStatus: z.enum(membershipStatuses),
  lastContactAt: z.string().nullable(),
  hires: z.number().int(),
  /** The earliest open follow-up task's due date. */
  nextFollowUpOn: z.string().nullable(),
  updatedAt: z.string(),
});

export const employerListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
  /** Free text over name and organisation number. */
  q: textSchema(120).optional(),
  membershipStatus: z.enum(membershipStatuses).optional(),
  naceSection: z.enum(naceSections).optional(),
  municipality: textSchema(80).optional(),
  tag: textSchema(40).optional(),
  hasHired: z.enum(["true", "false"]).optional(),
  /** No contact (activity) for more than this many days, or never. */
  lastContactOlderThanDays: z.coerce.number().int().min(1).max(3650).optional(),
  sort: z.enum(["name", "updated", "lastContact"]).default("name"),
});

export const activityInputSchema = z.strictObject({
  kind: z.enum(activityKinds),
  occurredOn: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }),
  summary: textSchema(5000).min(1),
  /** An optional follow-up task. */
  followUp: z
    .strictObject({
      text: textSchema(500).min(1),
      dueOn: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }),
      /** Who does it; the author when omitted. */
      assigneeUserId: uuidSchema.nullable().default(null),
    })
    .nullable()
    .default(null),
});
export const activitySchema = z.object({
  id: uuidSchema,
  kind: z.enum(activityKinds),
  occurredOn: z.string(),
  summary: z.string(),
  author: z.object({ userId: uuidSchema, name: z.string() }).nullable(),
  followUp: z
    .object({
      text: z.string(),
      dueOn: z.string(),
      assignee: z.object({ userId: uuidSchema, name: z.string() }).nullable(),
      doneAt: z.string().nullable(),
    })
    .nullable(),
  createdAt: z.string(),
});
export const taskSchema = z.object({
  activityId: uuidSchema,
  employer: z.object({ id: uuidSchema, name: z.string() }),
  text: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
});
export const taskQuerySchema = z.strictObject({
  /** mine: assigned to me (default); all: everyone's (admins). */
  scope: z.enum(["mine", "all"]).default("mine"),
  include: z.enum(["open", "done"]).default("open"),
});
export const taskPatchSchema = z.strictObject({ done: z.boolean() });

/** The network's rule for proposing certification. */
export const certificationRuleSchema = z.strictObject({
  /** Hires through the network that count toward the goal… */
  minHires: z.number().int().min(1).max(100).default(1),
  /** …within this many months before today. */
  windowMonths: z.number().int().min(1).max(120).default(24),
  /** How long a certificate is valid from its issue date. */
  validityMonths: z.number().int().min(1).max(60).default(24),
});
export type CertificationRule = z.infer<typeof certificationRuleSchema>;
export const defaultCertificationRule: CertificationRule = { minHires: 1, windowMonths: 24, validityMonths: 24 };

export const certificationProposalSchema = z.object({
  employer: z.object({ id: uuidSchema, name: z.string(), orgNumber: z.string(), membershipStatus: z.enum(membershipStatuses) }),
  qualifyingHires: z.number().int(),
  lastHireOn: z.string(),
});
export const revokeCertificateSchema = z.strictObject({ reason: textSchema(500).min(1) });

/** GET /api/public/certificates/{code}: what anyone may learn about a certificate. */
export const publicCertificateSchema = z.object({
  code: z.string(),
  kind: z.enum(certificateKinds),
  state: z.enum(["valid", "expired", "revoked"]),
  employer: z.object({ name: z.string(), orgNumber: z.string() }),
  network: z.object({ name: z.string(), slug: z.string(), themeColor: z.string() }),
  issuedAt: z.string(),
  validUntil: z.string(),
  revokedAt: z.string().nullable(),
});

/** GET /api/public/networks/{slug}/members: employers that agreed to be shown. */
export const publicMemberListSchema = z.object({
  network: z.object({ name: z.string(), slug: z.string(), themeColor: z.string() }),
  items: z.array(
    z.object({
      name: z.string(),
      orgNumber: z.string(),
      municipality: z.string(),
      naceSection: z.enum(naceSections).nullable(),
      website: z.string(),
      status: z.enum(["member", "certified"]),
      certifiedUntil: z.string().nullable(),
    }),
  ),
});

/** The register lookup (Enhetsregisteret): what fills an employer form. */
export const registerEntitySchema = z.object({
  orgNumber: z.string(),
  name: z.string(),
  naceCode: z.string().nullable(),
  naceDescription: z.string().nullable(),
  sizeBand: z.enum(sizeBands),
  municipality: z.string(),
  address: z.string(),
  postalCode: z.string(),
  postalPlace: z.string(),
  website: z.string(),
  /** Deleted or bankrupt entities are shown with a warning. */
  deleted: z.boolean(),
  bankrupt: z.boolean(),
});
export const registerLookupQuerySchema = z
  .strictObject({ orgNumber: orgNumberSchema.optional(), q: textSchema(120).min(2).optional() })
  .refine((q) => (q.orgNumber === undefined) !== (q.q === undefined), { error: "give either orgNumber or q" });

/*
 * The employer portal (GET /api/v1/employer-portal): what an employer user sees of their own company. No internal
 * fields: no notes, tags, timeline, or who changed the status and why.
 */
export const employerPortalSchema = z.object({
  employer: z.object({
    id: uuidSchema,
    orgNumber: z.string(),
    name: z.string(),
    naceCode: z.string().nullable(),
    naceSection: z.enum(naceSections).nullable(),
    sizeBand: z.enum(sizeBands),
    municipality: z.string(),
    address: z.string(),
    postalCode: z.string(),
    postalPlace: z.string(),
    website: z.string(),
    publicListing: z.boolean(),
    membershipStatus: z.enum(membershipStatuses),
    membershipStatusChangedAt: z.string(),
    hires: z.number().int(),
    contacts: z.array(contactSchema),
    /** The dates of each status change, without notes or names. */
    statusHistory: z.array(z.object({ from: z.enum(membershipStatuses).nullable(), to: z.enum(membershipStatuses), changedAt: z.string() })),
  }),
  certificates: z.array(certificateSchema),
});

/** Employer import (POST /api/v1/employers/import, `mangfold import employers`). */
export const employerImportQuerySchema = z.strictObject({
  dryRun: z.enum(["true", "false"]).default("true"),
  skipInvalid: z.enum(["true", "false"]).default("false"),
});
export const employerImportReportSchema = z.object({
  dryRun: z.boolean(),
  /** Rows read (empty rows not counted). */
  rows: z.number().int(),
  /** Employers imported (or that would be, in a dry run). */
  imported: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  unknownColumns: z.array(z.string()),
  /** Rows whose organisation number is already registered in the network (employerId) or on an earlier line (null); rejected. */
  duplicates: z.array(z.object({ line: z.number().int(), orgNumber: z.string(), employerId: uuidSchema.nullable() })),
  /** True when the employers were written. */
  committed: z.boolean(),
});
export type EmployerImportReport = z.infer<typeof employerImportReportSchema>;

/** POST /api/v1/employers: 409 possible_duplicate carries these in `duplicates`. */
export const employerDuplicateSchema = z.object({ id: uuidSchema, name: z.string(), orgNumber: z.string() });
