import { z } from "zod";
import { textSchema } from "./contracts.ts";
import { certificateKinds } from "./employers.ts";

/*
 * Certificates and certification (issue 4), in addition to the contracts in employers.ts: the request bodies and
 * queries of the certificate routes, and the verification code's format, which the public page also reads.
 */

/** Verification codes: "MF-" and three groups of four from this alphabet (no 0/O, no 1/I). */
export const codeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const codePrefix = "MF";
const codeGroups = 3;
const codeGroupLength = 4;

/** The stored form of what someone typed ("mf 7k2q9xwd-h3tp" → "MF-7K2Q-9XWD-H3TP"), or null when it cannot be a code. */
export function normaliseCode(input: string): string | null {
  let body = input.toUpperCase().replace(/[^0-9A-Z]/g, "");
  const length = codeGroups * codeGroupLength;
  if (body.length === length + codePrefix.length && body.startsWith(codePrefix)) body = body.slice(codePrefix.length);
  if (body.length !== length) return null;
  for (const ch of body) if (!codeAlphabet.includes(ch)) return null;
  const parts: string[] = [];
  for (let g = 0; g < codeGroups; g++) parts.push(body.slice(g * codeGroupLength, (g + 1) * codeGroupLength));
  return [codePrefix, ...parts].join("-");
}

/** POST /api/v1/employers/{id}/certificates: a membership certificate (certification goes through /certification). */
export const certificateIssueSchema = z.strictObject({ kind: z.literal("membership") });

/** POST /api/v1/employers/{id}/certification: the coordinator confirms; the note goes into the status history. */
export const certificationConfirmSchema = z.strictObject({ note: textSchema(500).default("") }).default({ note: "" });

export const certificatePdfQuerySchema = z.strictObject({
  kind: z.enum(certificateKinds).default("membership"),
  lang: z.enum(["nb", "en"]).optional(),
});

export const publicCertificateParamsSchema = z.strictObject({ code: z.string().max(40) });
export const publicMembersParamsSchema = z.strictObject({ slug: z.string().max(80) });
