import { z } from "zod";
import { textSchema, uuidSchema } from "./contracts.ts";

/*
 * Saved filters: a user's named query on a list page, kept on the server so it follows the user between
 * browsers. The query is the page's URL search parameters as a string → string record.
 */

export const savedFilterPages = ["employers", "candidates"] as const;
export type SavedFilterPage = (typeof savedFilterPages)[number];
/** At most this many saved filters per user and page. */
export const maxSavedFiltersPerPage = 50;

export const savedFilterQuerySchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/, { error: "must be a query parameter name" }), z.string().max(500))
  .refine((query) => Object.keys(query).length <= 30, { error: "may hold at most 30 parameters" });

export const savedFilterInputSchema = z.strictObject({
  page: z.enum(savedFilterPages),
  name: textSchema(80).min(1),
  query: savedFilterQuerySchema,
});
export type SavedFilterInput = z.infer<typeof savedFilterInputSchema>;

export const savedFilterSchema = z.object({
  id: uuidSchema,
  page: z.enum(savedFilterPages),
  name: z.string(),
  query: z.record(z.string(), z.string()),
  createdAt: z.string(),
});

export const savedFilterListQuerySchema = z.strictObject({ page: z.enum(savedFilterPages) });
export const savedFilterListSchema = z.object({ items: z.array(savedFilterSchema) });
