/*
 * Industry classification: Standard for næringsgruppering (SN2007), Norway's version of NACE Rev. 2. A code is the
 * two-digit division, optionally followed by a dot and up to three more digits ("47.111"). The section (a letter,
 * A–U) follows from the division.
 */
export const naceSections = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U"] as const;
export type NaceSection = (typeof naceSections)[number];

/** Divisions (inclusive ranges) per section, from SN2007. */
const divisionRanges: ReadonlyArray<readonly [NaceSection, number, number]> = [
  ["A", 1, 3], ["B", 5, 9], ["C", 10, 33], ["D", 35, 35], ["E", 36, 39], ["F", 41, 43], ["G", 45, 47], ["H", 49, 53],
  ["I", 55, 56], ["J", 58, 63], ["K", 64, 66], ["L", 68, 68], ["M", 69, 75], ["N", 77, 82], ["O", 84, 84], ["P", 85, 85],
  ["Q", 86, 88], ["R", 90, 93], ["S", 94, 96], ["T", 97, 98], ["U", 99, 99],
];

export const naceCodePattern = /^\d{2}(\.\d{1,3})?$/;

/** The section of a code such as "47.111", or null when the division does not exist. */
export function naceSectionOf(code: string): NaceSection | null {
  if (!naceCodePattern.test(code)) return null;
  const division = Number(code.slice(0, 2));
  for (const [section, from, to] of divisionRanges) if (division >= from && division <= to) return section;
  return null;
}

/** Section names in bokmål and English, for lists, filters and reports. */
export const naceSectionNames: Record<NaceSection, { nb: string; en: string }> = {
  A: { nb: "Jordbruk, skogbruk og fiske", en: "Agriculture, forestry and fishing" },
  B: { nb: "Bergverksdrift og utvinning", en: "Mining and quarrying" },
  C: { nb: "Industri", en: "Manufacturing" },
  D: { nb: "Elektrisitets-, gass-, damp- og varmtvannsforsyning", en: "Electricity, gas, steam and air conditioning supply" },
  E: { nb: "Vannforsyning, avløp og renovasjon", en: "Water supply, sewerage and waste management" },
  F: { nb: "Bygge- og anleggsvirksomhet", en: "Construction" },
  G: { nb: "Varehandel, reparasjon av motorvogner", en: "Wholesale and retail trade, repair of motor vehicles" },
  H: { nb: "Transport og lagring", en: "Transportation and storage" },
  I: { nb: "Overnattings- og serveringsvirksomhet", en: "Accommodation and food service activities" },
  J: { nb: "Informasjon og kommunikasjon", en: "Information and communication" },
  K: { nb: "Finansierings- og forsikringsvirksomhet", en: "Financial and insurance activities" },
  L: { nb: "Omsetning og drift av fast eiendom", en: "Real estate activities" },
  M: { nb: "Faglig, vitenskapelig og teknisk tjenesteyting", en: "Professional, scientific and technical activities" },
  N: { nb: "Forretningsmessig tjenesteyting", en: "Administrative and support service activities" },
  O: { nb: "Offentlig administrasjon og forsvar", en: "Public administration and defence" },
  P: { nb: "Undervisning", en: "Education" },
  Q: { nb: "Helse- og sosialtjenester", en: "Human health and social work activities" },
  R: { nb: "Kulturell virksomhet, underholdning og fritid", en: "Arts, entertainment and recreation" },
  S: { nb: "Annen tjenesteyting", en: "Other service activities" },
  T: { nb: "Lønnet arbeid i private husholdninger", en: "Activities of households as employers" },
  U: { nb: "Internasjonale organisasjoner og organer", en: "Activities of extraterritorial organisations" },
};
