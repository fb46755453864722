import type { consentPurposes } from "../../shared/jobs.ts";

/*
 * The consent texts a candidate agrees to, versioned. A consent row keeps the version it was given under, so the
 * text shown with an old consent is the one the candidate saw. Change a text by adding a version and pointing
 * `current` at it; never edit a version that consents were given under.
 * `{employer}` and `{job}` are filled in with the names when shown.
 */

export type ConsentPurpose = (typeof consentPurposes)[number];
type Text = { nb: string; en: string };

export const consentTexts: Record<string, Text & { purpose: ConsentPurpose }> = {
  "registration-v1": {
    purpose: "registration",
    nb: "Jeg samtykker til at nettverket registrerer opplysningene mine (kontaktinformasjon, språk, utdanning, arbeidserfaring og ferdigheter) for å hjelpe meg inn i arbeid. Jeg kan når som helst trekke samtykket, og da stopper behandlingen.",
    en: "I consent to the network registering my details (contact details, languages, education, work experience and skills) to help me into work. I can withdraw this consent at any time, and the processing then stops.",
  },
  "share-v1": {
    purpose: "share_with_employer",
    nb: "Jeg samtykker til at nettverket deler CV-en min med {employer} for stillingen «{job}»: først uten navn og kontaktinformasjon, og med navn og kontaktinformasjon når både arbeidsgiveren og jeg vil gå videre. Jeg kan når som helst trekke samtykket, og da ser arbeidsgiveren meg ikke lenger.",
    en: "I consent to the network sharing my CV with {employer} for the job “{job}”: first without my name and contact details, and with them when both the employer and I want to go on. I can withdraw this consent at any time, and the employer then no longer sees me.",
  },
  "mentoring-v1": {
    purpose: "mentoring",
    nb: "Jeg samtykker til at mentoren min får se navnet mitt, kontaktinformasjonen min og målene mine for jobbsøkingen, og at møtene våre registreres. Jeg kan når som helst trekke samtykket.",
    en: "I consent to my mentor seeing my name, contact details and job-seeking goals, and to our meetings being recorded. I can withdraw this consent at any time.",
  },
  "public-page-v1": {
    purpose: "public_page",
    nb: "Jeg samtykker til at fornavnet mitt og historien min vises på nettverkets offentlige nettside. Jeg kan når som helst trekke samtykket, og da fjernes det.",
    en: "I consent to my first name and my story being shown on the network's public website. I can withdraw this consent at any time, and it is then removed.",
  },
};

/** The version a new consent for the purpose is given under. */
export const currentConsentVersion: Record<ConsentPurpose, string> = {
  registration: "registration-v1",
  share_with_employer: "share-v1",
  mentoring: "mentoring-v1",
  public_page: "public-page-v1",
};

/** The text of a version with the employer's and job's names filled in. */
export function consentText(version: string, names: { employer?: string | null; job?: string | null } = {}): Text {
  const text = consentTexts[version] ?? { nb: `(${version})`, en: `(${version})` };
  const fill = (s: string, fallback: { employer: string; job: string }) => s.replaceAll("{employer}", names.employer ?? fallback.employer).replaceAll("{job}", names.job ?? fallback.job);
  return { nb: fill(text.nb, { employer: "arbeidsgiveren", job: "stillingen" }), en: fill(text.en, { employer: "the employer", job: "the job" }) };
}

/** The texts a new consent is given under; with `names`, the employer's and job's names filled in. */
export function currentTexts(names: { employer?: string | null; job?: string | null } = {}) {
  return (Object.entries(currentConsentVersion) as [ConsentPurpose, string][]).map(([purpose, version]) => ({ purpose, version, ...consentText(version, names) }));
}
