import type { Candidate } from "./render.ts";

/* Fictional candidates for the CV tests and for trying the layout. Labels as the API resolves them per language. */

const occ = (id: string) => `http://data.europa.eu/esco/occupation/${id}`;
const skill = (id: string) => `http://data.europa.eu/esco/skill/${id}`;

const labels = {
  nb: {
    careWorker: "helsefagarbeider",
    nurse: "sykepleier",
    shopAssistant: "butikkmedarbeider",
    skills: ["gi personlig pleie", "dele ut legemidler", "dokumentere pasientopplysninger", "kommunisere med pasienters pårørende", "betjene kassaapparat", "følge hygieneregler"],
  },
  en: {
    careWorker: "healthcare assistant",
    nurse: "nurse responsible for general care",
    shopAssistant: "shop assistant",
    skills: ["provide personal care", "administer medication", "record patient information", "communicate with relatives of patients", "operate cash register", "follow hygiene procedures"],
  },
};

export function emptyCandidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: "3f9c2a71-5b6d-4e8f-9a0b-1c2d3e4f5a6b",
    firstName: "Ola",
    lastName: "Nordmann",
    email: null,
    phone: null,
    municipality: "",
    summary: "",
    background: null,
    languages: [],
    education: [],
    experience: [],
    skills: [],
    drivingLicences: [],
    certificates: [],
    jobWishes: { occupationUris: [], municipalities: [], extent: "any", occupations: [] },
    availableFrom: null,
    status: "active",
    advisor: null,
    partnerOrganisation: "",
    processingRestricted: false,
    createdAt: "2026-01-05T09:00:00.000Z",
    updatedAt: "2026-03-01T09:00:00.000Z",
    ...overrides,
  };
}

/** A fictional candidate with every part of the profile filled in. */
export function richCandidate(lang: "nb" | "en"): Candidate {
  const l = labels[lang];
  const uris = [occ("a1b2c3d4-0000-4000-8000-000000000001"), occ("a1b2c3d4-0000-4000-8000-000000000002"), occ("a1b2c3d4-0000-4000-8000-000000000003")] as const;
  return emptyCandidate({
    id: "7e4d1c09-aa12-4b3c-8d5e-6f7a8b9c0d1e",
    firstName: "Mariam",
    lastName: "Tesfay Ødegård",
    email: "mariam.tesfay@example.no",
    phone: "+47 912 34 567",
    municipality: "Bærum",
    summary:
      lang === "nb"
        ? "Mariam er utdannet sykepleier med seks års erfaring fra sykehus og tre år i hjemmetjenesten i Bærum. Hun er pålitelig, rolig og god til å få kontakt med eldre brukere og pårørende. Nås på mariam.tesfay@example.no eller 912 34 567."
        : "Mariam is a trained nurse with six years of hospital experience and three years in home care in Bærum. She is reliable, calm and good at connecting with elderly users and their relatives. Reach her at mariam.tesfay@example.no or 912 34 567.",
    background: { countryOfBirth: "ER", arrivalYear: 2016, gender: "female", birthYear: 1988 },
    languages: [
      { code: "ti", native: true, listening: null, reading: null, writing: null, speaking: null, testName: null, testDate: null },
      { code: "no", native: false, listening: "B2", reading: "B2", writing: "B1", speaking: "B2", testName: "Norskprøven", testDate: "2024-05-14" },
      { code: "en", native: false, listening: "C1", reading: "C1", writing: "B2", speaking: "B2", testName: null, testDate: null },
      { code: "ar", native: false, listening: "A2", reading: "A1", writing: null, speaking: "A2", testName: null, testDate: null },
    ],
    education: [
      { level: "vocational", field: lang === "nb" ? "Helsearbeiderfag" : "Health work", institution: "Sandvika videregående skole", country: "NO", yearCompleted: 2021, recognition: "not_needed" },
      { level: "bachelor", field: lang === "nb" ? "Sykepleie" : "Nursing", institution: "Asmara College of Health Sciences", country: "ER", yearCompleted: 2011, recognition: "partially_recognised" },
    ],
    experience: [
      {
        occupationUri: uris[0],
        occupationLabel: l.careWorker,
        title: lang === "nb" ? "Assistent i hjemmetjenesten" : "Home care assistant",
        employer: "Bærum kommune",
        country: "NO",
        years: 3,
        description:
          lang === "nb"
            ? "Stell og omsorg for eldre hjemmeboende, utdeling av medisiner og dokumentasjon i journalsystemet. Mariam fikk ansvar for opplæring av nye vikarer."
            : "Personal care for elderly people living at home, handing out medication and recording in the patient journal. Mariam trained new temporary staff.",
      },
      {
        occupationUri: uris[1],
        occupationLabel: l.nurse,
        title: lang === "nb" ? "Sykepleier, medisinsk avdeling" : "Nurse, medical ward",
        employer: "Orotta National Referral Hospital",
        country: "ER",
        years: 6,
        description: lang === "nb" ? "Pleie av inneliggende pasienter, sårstell og samarbeid med leger i turnus." : "Care of in-patients, wound care and working with doctors in shifts.",
      },
      { occupationUri: uris[2], occupationLabel: l.shopAssistant, title: "", employer: "Kiwi Sandvika", country: "NO", years: 1.5, description: "" },
    ],
    skills: l.skills.map((label, i) => ({ uri: skill(`b1c2d3e4-0000-4000-8000-00000000000${i}`), label })),
    drivingLicences: ["B"],
    certificates: [
      { type: "trade_certificate", name: lang === "nb" ? "Helsearbeiderfaget" : "Health work", year: 2021 },
      { type: "other", name: lang === "nb" ? "Kurs i førstehjelp" : "First aid course", year: 2023 },
    ],
    jobWishes: {
      occupationUris: [uris[0], uris[1]],
      municipalities: ["Bærum", "Asker", "Oslo"],
      extent: "full_time",
      occupations: [
        { uri: uris[0], label: l.careWorker },
        { uri: uris[1], label: l.nurse },
      ],
    },
    availableFrom: "2026-08-01",
    advisor: { userId: "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", name: "Kari Veileder" },
  });
}
