import { z } from "zod";
import type { registerEntitySchema, sizeBands } from "../../shared/employers.ts";
import { naceSectionOf } from "../../shared/nace.ts";
import { AppError } from "../platform/errors.ts";

/*
 * The Central Coordinating Register for Legal Entities (Enhetsregisteret), Brønnøysundregistrene's open API:
 *   GET {base}/enheter/{orgnr}          one main entity (200), 404 unknown, 410 removed from the open data
 *   GET {base}/enheter?navn=…&size=…    search by name: HAL JSON, hits in _embedded.enheter, and no _embedded
 *                                       at all when nothing matched (only _links and page)
 * Field names as the register's OpenAPI description gives them (organisasjonsnummer, navn, naeringskode1,
 * antallAnsatte, forretningsadresse, hjemmeside, konkurs, slettedato …). No key, no sign-in (NLOD open data).
 *
 * The app must work offline: every failure to get a usable answer (no connection, timeout, 5xx, a body that is not
 * the register's JSON) is one error, register_unavailable, and the coordinator fills in the form by hand.
 */

export type RegisterEntity = z.infer<typeof registerEntitySchema>;
type SizeBand = (typeof sizeBands)[number];

export type RegisterClient = {
  /** The main entity with this organisation number (nine digits), or null when the register does not know it. */
  lookup(orgNumber: string): Promise<RegisterEntity | null>;
  /** Main entities whose name matches, best first. */
  search(name: string, size?: number): Promise<RegisterEntity[]>;
};

export const unavailableDetail = "The register cannot be reached; fill in the form by hand.";

// What we read of an entity. Lenient: the register adds fields, and leaves out what it does not know.
const codeSchema = z.object({ kode: z.string().optional(), beskrivelse: z.string().optional() });
const addressSchema = z
  .object({
    adresse: z.array(z.string().nullable()).optional(),
    postnummer: z.string().optional(),
    poststed: z.string().optional(),
    kommune: z.string().optional(),
    kommunenummer: z.string().optional(),
  })
  ;
const entitySchema = z
  .object({
    organisasjonsnummer: z.string().regex(/^\d{9}$/),
    navn: z.string().optional(),
    naeringskode1: codeSchema.optional(),
    antallAnsatte: z.number().optional(),
    harRegistrertAntallAnsatte: z.boolean().optional(),
    forretningsadresse: addressSchema.optional(),
    postadresse: addressSchema.optional(),
    hjemmeside: z.string().optional(),
    slettedato: z.string().optional(),
    konkurs: z.boolean().optional(),
  })
  ;
type Entity = z.infer<typeof entitySchema>;
const searchSchema = z
  .object({
    _embedded: z.object({ enheter: z.array(entitySchema) }).optional(),
    page: z.object({ totalElements: z.number() }).optional(),
  })
  
  // A search answer has hits (_embedded) or, when nothing matched, only the page counters.
  .refine((body) => body._embedded !== undefined || body.page !== undefined);

/** The size band of a head count. The register leaves small head counts out; without a number it is unknown. */
export function sizeBandOf(employees: number | undefined): SizeBand {
  if (employees === undefined || !Number.isFinite(employees) || employees < 1) return "unknown";
  if (employees < 5) return "1-4";
  if (employees < 10) return "5-9";
  if (employees < 20) return "10-19";
  if (employees < 50) return "20-49";
  if (employees < 100) return "50-99";
  if (employees < 250) return "100-249";
  return "250+";
}

/** "BÆRUM" → "Bærum", "NORD-FRON" → "Nord-Fron": the register writes places in capitals. */
export function placeName(text: string | undefined): string {
  if (!text) return "";
  return text
    .toLocaleLowerCase("nb")
    .replace(/(^|[\s-])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toLocaleUpperCase("nb"));
}

function websiteOf(text: string | undefined): string {
  const url = text?.trim() ?? "";
  if (!url) return "";
  const withScheme = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  return URL.canParse(withScheme) ? withScheme : "";
}

export function toRegisterEntity(entity: Entity): RegisterEntity {
  const address = entity.forretningsadresse ?? entity.postadresse ?? {};
  const code = entity.naeringskode1?.kode?.trim() ?? "";
  return {
    orgNumber: entity.organisasjonsnummer,
    name: entity.navn?.trim() ?? "",
    // "00.000" (unknown) and codes outside SN2007 are left for the coordinator to choose.
    naceCode: code && naceSectionOf(code) ? code : null,
    naceDescription: entity.naeringskode1?.beskrivelse?.trim() || null,
    sizeBand: entity.harRegistrertAntallAnsatte === false ? "unknown" : sizeBandOf(entity.antallAnsatte),
    municipality: placeName(address.kommune),
    address: (address.adresse ?? []).filter((line): line is string => !!line && line.trim() !== "").map((line) => line.trim()).join(", "),
    postalCode: /^\d{4}$/.test(address.postnummer ?? "") ? address.postnummer! : "",
    postalPlace: placeName(address.poststed),
    website: websiteOf(entity.hjemmeside),
    deleted: !!entity.slettedato,
    bankrupt: entity.konkurs === true,
  };
}

type Fetch = typeof fetch;

export function createRegisterClient(options: { baseUrl: string; timeoutMs: number; fetch?: Fetch }): RegisterClient {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;

  /** GET and parse JSON. 404/410 give null when `missing` allows it; anything else unusable is register_unavailable. */
  async function get(path: string, missing: "null" | "unavailable"): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      // The timeout covers the whole exchange, body included.
      const signal = AbortSignal.timeout(options.timeoutMs);
      response = await doFetch(`${base}${path}`, { headers: { accept: "application/json" }, signal, redirect: "follow" });
      text = await response.text();
    } catch {
      throw new AppError("register_unavailable", unavailableDetail);
    }
    if ((response.status === 404 || response.status === 410) && missing === "null") return null;
    if (!response.ok) throw new AppError("register_unavailable", unavailableDetail);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new AppError("register_unavailable", unavailableDetail);
    }
  }

  return {
    async lookup(orgNumber) {
      if (!/^\d{9}$/.test(orgNumber)) return null;
      // 404: never registered; 410: removed from the open data (the register gives no details any more).
      const body = await get(`/enheter/${orgNumber}`, "null");
      if (body === null) return null;
      const parsed = entitySchema.safeParse(body);
      if (!parsed.success || parsed.data.organisasjonsnummer !== orgNumber) throw new AppError("register_unavailable", unavailableDetail);
      return toRegisterEntity(parsed.data);
    },
    async search(name, size = 15) {
      const query = new URLSearchParams({ navn: name, size: String(size) });
      // A search never answers 404; one means the base URL is wrong, which is the operator's to fix.
      const body = await get(`/enheter?${query}`, "unavailable");
      const parsed = searchSchema.safeParse(body);
      if (!parsed.success) throw new AppError("register_unavailable", unavailableDetail);
      return (parsed.data._embedded?.enheter ?? []).map(toRegisterEntity);
    },
  };
}
