import { z } from "zod";

/** Taxonomy search (CONTRACT.md): `GET /api/v1/taxonomy/occupations|skills?q=&lang=&limit=`. */
export const taxonomySearchQuerySchema = z.strictObject({
  q: z.string().trim().max(200).default(""),
  /** The app's language (nb, en, ar, uk, …); ESCO's "no" is accepted as nb. */
  lang: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}$/, "a language code such as nb or en")
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const taxonomyItemSchema = z.object({
  uri: z.string(),
  label: z.string(),
  /** The label's language: nb (bokmål), en, … */
  lang: z.string(),
  /** 0–1, best first. */
  score: z.number(),
  /** ISCO-08 unit group of an occupation. */
  code: z.string().optional(),
});

export const taxonomySearchResultSchema = z.object({ items: z.array(taxonomyItemSchema) });
export type TaxonomyItem = z.infer<typeof taxonomyItemSchema>;
