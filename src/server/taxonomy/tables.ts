import { bigserial, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/*
 * The taxonomy: ESCO occupations, skills, ISCO-08 groups and skill groups as concepts identified by their ESCO
 * URI, with labels in many languages. Reference data shared by every network (not tenant-owned): the built-in
 * starter taxonomy, or the official ESCO download imported by `mangfold taxonomy import esco`.
 */

export const taxonomyConcepts = pgTable(
  "taxonomy_concepts",
  {
    uri: text("uri").primaryKey(),
    /** occupation | skill | isco_group | skill_group */
    type: text("type").notNull(),
    /** ISCO-08 code: the unit group of an occupation (e.g. "2512"), or the group's own code. */
    code: text("code"),
    /** For skills: skill/competence | knowledge | language (ESCO's skillType, plus language skills). */
    skillType: text("skill_type"),
    /** released | obsolete. Obsolete concepts stay while anything refers to them. */
    status: text("status").notNull().default("released"),
    /** starter | esco-<version> */
    source: text("source").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("taxonomy_concepts_type_idx").on(t.type, t.status), index("taxonomy_concepts_code_idx").on(t.code)],
);

export const taxonomyLabels = pgTable(
  "taxonomy_labels",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    uri: text("uri")
      .notNull()
      .references(() => taxonomyConcepts.uri, { onDelete: "cascade" }),
    /** ESCO language code: no (bokmål; the app says nb), en, ar, uk, … */
    lang: text("lang").notNull(),
    label: text("label").notNull(),
    /** preferred | alternative */
    kind: text("kind").notNull(),
  },
  (t) => [index("taxonomy_labels_uri_lang_idx").on(t.uri, t.lang)],
);

/** Occupation → skill, essential or optional (ESCO occupationSkillRelations). */
export const taxonomyOccupationSkills = pgTable(
  "taxonomy_occupation_skills",
  {
    occupationUri: text("occupation_uri")
      .notNull()
      .references(() => taxonomyConcepts.uri, { onDelete: "cascade" }),
    skillUri: text("skill_uri")
      .notNull()
      .references(() => taxonomyConcepts.uri, { onDelete: "cascade" }),
    /** essential | optional */
    relation: text("relation").notNull(),
  },
  (t) => [primaryKey({ columns: [t.occupationUri, t.skillUri] }), index("taxonomy_occupation_skills_skill_idx").on(t.skillUri)],
);

/** Narrower → broader (occupation or skill hierarchy, ISCO groups, skill groups). */
export const taxonomyBroader = pgTable(
  "taxonomy_broader",
  {
    narrowerUri: text("narrower_uri")
      .notNull()
      .references(() => taxonomyConcepts.uri, { onDelete: "cascade" }),
    broaderUri: text("broader_uri")
      .notNull()
      .references(() => taxonomyConcepts.uri, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.narrowerUri, t.broaderUri] }), index("taxonomy_broader_broader_idx").on(t.broaderUri)],
);

/** ESCO occupation ↔ STYRK-08 (the Norwegian occupation classification), from the official crosswalk. */
export const taxonomyStyrk = pgTable(
  "taxonomy_styrk",
  {
    occupationUri: text("occupation_uri")
      .notNull()
      .references(() => taxonomyConcepts.uri, { onDelete: "cascade" }),
    styrkCode: text("styrk_code").notNull(),
    styrkLabel: text("styrk_label").notNull(),
  },
  (t) => [primaryKey({ columns: [t.occupationUri, t.styrkCode] })],
);
