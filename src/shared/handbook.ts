import { z } from "zod";

/** A handbook page's name: its file name in docs/handbook/ without ".md" ("index" for README.md). */
export const handbookPageParamsSchema = z.strictObject({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/, "a page name of a–z, 0–9 and -") });
export const handbookContentsSchema = z.object({ pages: z.array(z.object({ slug: z.string(), title: z.string() })) });
export const handbookPageSchema = z.object({ slug: z.string(), title: z.string(), markdown: z.string() });
export type HandbookContents = z.infer<typeof handbookContentsSchema>;
export type HandbookPage = z.infer<typeof handbookPageSchema>;
