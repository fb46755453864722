import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { recordAccess } from "../platform/audit.ts";
import { candidateBackgrounds, candidates } from "./tables.ts";
import { cefrOfRank } from "./derive.ts";
import { educationLevels } from "../../shared/candidates.ts";
import { userNames } from "./service.ts";
import { users } from "../platform/tables.ts";
import { csvCell } from "../platform/tabular.ts";

/*
 * CSV export of the network's candidates, in the import's columns (so an export imports again). Each exported
 * candidate is logged as read (purpose "export").
 */

const header = ["firstName", "lastName", "birthYear", "gender", "countryOfBirth", "arrivalYear", "email", "phone", "municipality", "norwegianLevel", "educationLevel", "occupations", "skills", "advisorEmail"];

export { csvCell };

export async function exportCandidatesCsv(db: Db, actor: Actor): Promise<string> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ c: candidates, b: candidateBackgrounds })
      .from(candidates)
      .leftJoin(candidateBackgrounds, eq(candidateBackgrounds.candidateId, candidates.id))
      .where(and(eq(candidates.tenantId, actor.tenantId), isNull(candidates.erasureRequestedAt)))
      .orderBy(asc(candidates.sortName), asc(candidates.id));
    const advisorIds = rows.map((row) => row.c.advisorUserId);
    const names = await userNames(tx, advisorIds);
    const emails = new Map<string, string>();
    for (const id of names.keys()) {
      const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, id)).limit(1);
      if (user) emails.set(id, user.email);
    }
    const lines = [header.join(",")];
    for (const { c, b } of rows) {
      lines.push(
        [
          c.firstName,
          c.lastName,
          b?.birthYear ?? null,
          b?.gender ?? "unspecified",
          b?.countryOfBirth ?? null,
          b?.arrivalYear ?? null,
          c.email,
          c.phone,
          c.municipality,
          cefrOfRank(c.norwegianRank),
          c.educationRank === null ? null : (educationLevels[c.educationRank] ?? null),
          [...new Set(c.experience.map((e) => e.occupationUri))].join("|"),
          c.skillUris.join("|"),
          c.advisorUserId ? (emails.get(c.advisorUserId) ?? null) : null,
        ]
          .map(csvCell)
          .join(","),
      );
    }
    await recordAccess(tx, actor, rows.map(({ c }) => ({ personType: "candidate", personId: c.id, purpose: "export" })));
    return `\uFEFF${lines.join("\r\n")}\r\n`;
  });
}
