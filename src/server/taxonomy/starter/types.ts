/** The built-in starter taxonomy: real ESCO concepts (ids are the last part of the ESCO URI), labels by hand. */
export type StarterOccupation = {
  /** ESCO occupation id: http://data.europa.eu/esco/occupation/<id> */
  id: string;
  /** ISCO-08 unit group */
  isco: string;
  en: string;
  nb: string;
  enAlt: string[];
  nbAlt: string[];
  /** Essential skills (ESCO skill ids), the most useful few. */
  skills: string[];
};

export type StarterSkill = {
  /** ESCO skill id: http://data.europa.eu/esco/skill/<id> */
  id: string;
  type: "skill/competence" | "knowledge" | "language";
  en: string;
  nb: string;
};
