import { createServer } from "node:http";

/*
 * A stand-in for Brønnøysund's open Enhetsregisteret API, for the end-to-end tests (playwright.config.ts starts it
 * and points the app's BRREG_URL at it). It answers the two calls the app makes, in the register's HAL JSON format:
 *   GET …/enheter/{orgnr}  → one entity, or 404 as the register does for an unknown number
 *   GET …/enheter?navn=…   → { _embedded: { enheter: [...] }, page }, without _embedded when nothing matches
 * Any path prefix is accepted, so the base URL may or may not include /enhetsregisteret/api.
 */

type Entity = {
  organisasjonsnummer: string;
  navn: string;
  organisasjonsform: { kode: string; beskrivelse: string };
  naeringskode1?: { kode: string; beskrivelse: string };
  antallAnsatte?: number;
  hjemmeside?: string;
  forretningsadresse?: { land: string; landkode: string; postnummer: string; poststed: string; adresse: string[]; kommune: string; kommunenummer: string };
  konkurs?: boolean;
  underAvvikling?: boolean;
  slettedato?: string;
};

const address = (adresse: string, postnummer: string, poststed: string) => ({
  land: "Norge",
  landkode: "NO",
  postnummer,
  poststed,
  adresse: [adresse],
  kommune: "BÆRUM",
  kommunenummer: "3201",
});

export const ENTITIES: Entity[] = [
  {
    organisasjonsnummer: "921234562",
    navn: "FJORDKAFFE AS",
    organisasjonsform: { kode: "AS", beskrivelse: "Aksjeselskap" },
    naeringskode1: { kode: "56.101", beskrivelse: "Drift av restauranter og kafeer" },
    antallAnsatte: 14,
    hjemmeside: "www.fjordkaffe.example",
    forretningsadresse: address("Sandvikaveien 10", "1337", "SANDVIKA"),
    konkurs: false,
  },
  {
    organisasjonsnummer: "987654325",
    navn: "FJORDBYGG AS",
    organisasjonsform: { kode: "AS", beskrivelse: "Aksjeselskap" },
    naeringskode1: { kode: "41.200", beskrivelse: "Oppføring av bygninger" },
    antallAnsatte: 63,
    forretningsadresse: address("Industriveien 3", "1337", "SANDVIKA"),
    konkurs: false,
  },
  {
    organisasjonsnummer: "812345672",
    navn: "RENT OG PENT BÆRUM AS",
    organisasjonsform: { kode: "AS", beskrivelse: "Aksjeselskap" },
    naeringskode1: { kode: "81.210", beskrivelse: "Rengjøring av bygninger" },
    antallAnsatte: 31,
    forretningsadresse: address("Brynsveien 5", "1338", "SANDVIKA"),
    konkurs: true,
  },
];

const withLinks = (e: Entity) => ({ ...e, _links: { self: { href: `/enhetsregisteret/api/enheter/${e.organisasjonsnummer}` } } });

const port = Number(process.env.FAKE_BRREG_PORT ?? 4987);

createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === "/health") return send(200, { status: "ok" });
  const one = /\/enheter\/(\d{9})$/.exec(url.pathname);
  if (one) {
    const entity = ENTITIES.find((e) => e.organisasjonsnummer === one[1]);
    return entity ? send(200, withLinks(entity)) : send(404, { timestamp: new Date().toISOString(), status: 404, error: "Not Found", path: url.pathname });
  }
  if (/\/enheter\/?$/.test(url.pathname)) {
    const name = (url.searchParams.get("navn") ?? "").toLowerCase();
    const orgnr = url.searchParams.get("organisasjonsnummer");
    const hits = ENTITIES.filter((e) => (name ? e.navn.toLowerCase().includes(name) : true) && (orgnr ? orgnr.split(",").includes(e.organisasjonsnummer) : true));
    const size = Number(url.searchParams.get("size") ?? 20);
    const page = { size, totalElements: hits.length, totalPages: Math.ceil(hits.length / size), number: 0 };
    return send(200, hits.length ? { _embedded: { enheter: hits.slice(0, size).map(withLinks) }, page } : { page });
  }
  send(404, { status: 404, error: "Not Found", path: url.pathname });
}).listen(port, "127.0.0.1");
