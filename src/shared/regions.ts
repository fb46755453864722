/*
 * Country of birth → world region, for reports that must not show single countries (small groups) and for the
 * fairness report. ISO 3166-1 alpha-2 codes; anything not listed (or no country) is "unknown".
 */

export const regions = ["nordic", "rest_of_europe", "middle_east_north_africa", "sub_saharan_africa", "asia", "americas", "oceania", "unknown"] as const;
export type Region = (typeof regions)[number];

export const regionLabels: Record<Region, { nb: string; en: string }> = {
  nordic: { nb: "Norden", en: "Nordic" },
  rest_of_europe: { nb: "Resten av Europa", en: "Rest of Europe" },
  middle_east_north_africa: { nb: "Midtøsten og Nord-Afrika", en: "Middle East & North Africa" },
  sub_saharan_africa: { nb: "Afrika sør for Sahara", en: "Sub-Saharan Africa" },
  asia: { nb: "Asia", en: "Asia" },
  americas: { nb: "Amerika", en: "Americas" },
  oceania: { nb: "Oseania", en: "Oceania" },
  unknown: { nb: "Ukjent", en: "Unknown" },
};

const codes: Record<Exclude<Region, "unknown">, string> = {
  nordic: "NO SE DK FI IS FO GL AX SJ",
  rest_of_europe:
    "AL AD AM AT AZ BY BE BA BG HR CY CZ EE FR GE DE GI GR GG HU IE IM IT JE XK LV LI LT LU MT MD MC ME NL MK PL PT RO RU SM RS SK SI ES CH UA GB VA",
  middle_east_north_africa: "DZ BH EG IR IQ IL JO KW LB LY MA OM PS QA SA SY TN TR AE YE EH",
  sub_saharan_africa:
    "AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML MR MU YT MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG UG ZM ZW",
  asia: "AF BD BT BN KH CN HK IN ID JP KZ KG LA MO MY MV MN MM NP KP PK PH SG KR LK TW TJ TH TL TM UZ VN",
  americas:
    "AI AG AR AW BS BB BZ BM BO BR VG CA KY CL CO CR CU CW DM DO EC SV FK GF GD GP GT GY HT HN JM MQ MX MS NI PA PY PE PR BL KN LC MF PM VC SX SR TT TC US UY VE VI",
  oceania: "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF",
};

const regionOfCode = new Map<string, Region>(Object.entries(codes).flatMap(([region, list]) => list.split(" ").map((code) => [code, region as Region] as const)));

/** The region of an ISO 3166-1 alpha-2 country code; "unknown" for null or a code not in the table. */
export function regionOf(countryCode: string | null | undefined): Region {
  if (!countryCode) return "unknown";
  return regionOfCode.get(countryCode.toUpperCase()) ?? "unknown";
}
