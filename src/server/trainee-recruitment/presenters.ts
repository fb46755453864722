import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { labelsFor } from "../taxonomy/lookup.ts";
import type { Lang } from "../candidates/presenters.ts";
import { shortlistCounts } from "./service.ts";
import type { NeedRow } from "./service.ts";
import type { Need } from "../../shared/trainee-recruitment.ts";

/* Need rows → response shapes, with taxonomy labels in the asked language and the shortlist per status. */

export async function presentNeeds(db: Db, actor: Actor, rows: NeedRow[], lang: Lang): Promise<Need[]> {
  const labels = await labelsFor(db, rows.flatMap((r) => [r.occupationUri, ...r.essentialSkillUris, ...r.optionalSkillUris]), lang);
  const counts = await shortlistCounts(db, actor.tenantId, rows.map((r) => r.id));
  const labelled = (uri: string) => ({ uri, label: labels.get(uri) ?? uri });
  return rows.map((row) => ({
    id: row.id,
    unitName: row.unitName,
    area: row.area as Need["area"],
    title: row.title,
    description: row.description,
    occupation: labelled(row.occupationUri),
    essentialSkills: row.essentialSkillUris.map(labelled),
    optionalSkills: row.optionalSkillUris.map(labelled),
    educationLevel: row.educationLevel as Need["educationLevel"],
    educationField: row.educationField,
    languages: row.languages,
    positions: row.positions,
    startDate: row.startDate,
    offeredPosition: row.offeredPosition,
    status: row.status as Need["status"],
    shortlistCounts: counts.get(row.id) ?? {},
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export const presentNeed = async (db: Db, actor: Actor, row: NeedRow, lang: Lang) => (await presentNeeds(db, actor, [row], lang))[0]!;
