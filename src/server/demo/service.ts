import { goals } from "../goals/tables.ts";
import { publicStatsFigures } from "../../shared/public-stats.ts";
import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { AppContext } from "../platform/context.ts";
import { createUserWithPassword, hashPassword } from "../platform/auth.ts";
import { recordChange } from "../platform/audit.ts";
import { accounts, users } from "../platform/tables.ts";
import { networks } from "../networks/tables.ts";
import { memberships } from "../users/tables.ts";
import { seedDemoPortal } from "../portal/demo.ts";
import { seedDemoCandidates } from "../candidates/demo.ts";
import { ensureStarterTaxonomy } from "../taxonomy/starter/load.ts";
import { seedDemoEmployers } from "../employers/demo.ts";
import { removeDemoJobsAndPlacements, seedDemoJobsAndPlacements } from "../placements/demo.ts";
import { removeDemoTraineeProgramme, seedDemoTraineeProgramme } from "../trainee-programme/demo.ts";
import { seedDemoTraineeRecruitment } from "../trainee-recruitment/demo.ts";
import { seedDemoServicesAndEvents } from "../services/demo.ts";
import { removeDemoMentoring, seedDemoMentoring } from "../mentoring/demo.ts";
import { roles } from "../../shared/roles.ts";
import type { Role } from "../../shared/roles.ts";

export const demoSlug = "demo";
export const demoNetworkName = "Globale Bærum (demo)";

export type DemoLogin = { role: Role; email: string; password: string };

const demoNames: Record<Role, string> = {
  admin: "Kari Koordinator",
  advisor: "Ola Veileder",
  hr: "Hanne HR",
  supervisor: "Sven Veileder-i-enhet",
  mentor: "Marit Mentor",
  employer: "Erik Arbeidsgiver",
  candidate: "Amal Kandidat",
  viewer: "Stig Styringsgruppe",
};

/**
 * Creates or refreshes the fictional demo network with one user of every role. Each run sets new random
 * passwords (printed once), so a demo installation never has a password known in advance.
 * Later features add their synthetic data here.
 */
export const demoCandidateCount = 300;
export const demoEmployerCount = 200;

export async function createDemoNetwork(ctx: AppContext, options: { instanceAdmin?: boolean; candidates?: number; employers?: number; seed?: string } = {}) {
  const passwords = Object.fromEntries(roles.map((role) => [role, `demo-${randomBytes(6).toString("base64url")}`])) as Record<Role, string>;
  const hashes = Object.fromEntries(await Promise.all(roles.map(async (role) => [role, await hashPassword(ctx.auth, passwords[role])]))) as Record<Role, string>;
  // `mangfold demo` on a data directory the server has never opened: the demo's occupations, skills and jobs
  // come from the taxonomy, which the server would otherwise load on its first start.
  await ensureStarterTaxonomy(ctx.db);
  return ctx.db.transaction(async (tx) => {
    let [network] = await tx.select().from(networks).where(eq(networks.slug, demoSlug)).limit(1);
    if (!network) {
      [network] = await tx
        .insert(networks)
        // The demo publishes its statistics, so /networks/demo/stats shows what a network's website would.
        .values({ name: demoNetworkName, slug: demoSlug, municipality: "Bærum", goalTarget: 1000, goalDeadline: `${new Date().getFullYear() + 3}-12-31`, publicStats: { enabled: true, figures: [...publicStatsFigures] } })
        .returning();
      await recordChange(tx, { kind: "system", tenantId: network!.id }, { action: "network.create", entityType: "network", entityId: network!.id, after: { slug: demoSlug, demo: true } });
    }
    const tenantId = network!.id;
    // The demo's goals (issue 6), once: the network's main goal and a municipality's yearly work-practice goal.
    if ((await tx.select({ id: goals.id }).from(goals).where(eq(goals.tenantId, tenantId)).limit(1)).length === 0) {
      const year = new Date().getFullYear();
      await tx.insert(goals).values([
        { tenantId, name: "1000 innvandrere i arbeid innen 3 år", kind: "deadline", target: 1000, startDate: `${year - 1}-01-01`, deadline: `${year + 1}-12-31`, placementTypes: ["ordinary_permanent", "ordinary_temporary"] },
        { tenantId, name: "20 i arbeidspraksis hvert år", kind: "yearly", target: 20, startDate: `${year - 2}-01-01`, placementTypes: ["work_practice"], programme: "Kommunens praksisplasser" },
      ]);
    }
    const logins: DemoLogin[] = [];
    for (const role of roles) {
      const email = `${role}@demo.mangfold.example`;
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
      let userId: string;
      if (existing) {
        userId = existing.id;
        await tx.update(accounts).set({ password: hashes[role], updatedAt: new Date() }).where(and(eq(accounts.userId, userId), eq(accounts.providerId, "credential")));
      } else {
        userId = await createUserWithPassword(tx, ctx.auth, { name: demoNames[role], email, password: passwords[role], instanceAdmin: role === "admin" && options.instanceAdmin === true });
      }
      const [member] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId))).limit(1);
      if (member) await tx.update(memberships).set({ role, status: "active", updatedAt: new Date() }).where(eq(memberships.id, member.id));
      else await tx.insert(memberships).values({ tenantId, userId, role });
      logins.push({ role, email, password: passwords[role] });
    }
    const advisors = logins.filter((login) => login.role === "advisor" || login.role === "admin").map((login) => login.email);
    // The demo advisor gets most of the caseload, the coordinator some (ordered by e-mail, so a seed gives the same split).
    const advisorIds = (await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, advisors)))
      .sort((a, b) => a.email.localeCompare(b.email))
      .map((u) => u.id);
    // The demo's placements name demo candidates: remove them before the candidates are replaced.
    await removeDemoJobsAndPlacements(tx, tenantId);
    await removeDemoTraineeProgramme(tx, tenantId);
    await removeDemoMentoring(tx, tenantId);
    await seedDemoCandidates(tx, tenantId, { count: options.candidates ?? demoCandidateCount, seed: options.seed ?? "mangfold", advisorUserIds: advisorIds });
    // Employers after candidates: their hires name demo candidates. The demo employer user is a contact of one.
    const [employerUser] = await tx.select({ id: users.id }).from(users).where(eq(users.email, logins.find((login) => login.role === "employer")!.email)).limit(1);
    await seedDemoEmployers(tx, tenantId, { count: options.employers ?? demoEmployerCount, seed: options.seed ?? "mangfold", staffUserIds: advisorIds, employerUserId: employerUser?.id });
    // Jobs, candidate lists and placements use the demo candidates (and the demo employers): keep this after them.
    await seedDemoJobsAndPlacements(tx, tenantId, { seed: options.seed ?? "mangfold", advisorUserIds: advisorIds });
    // The trainee programme's two cohorts (issue 7), the demo HR user's and the demo supervisor's; after the candidates.
    const userIdOf = async (role: Role) => (await tx.select({ id: users.id }).from(users).where(eq(users.email, logins.find((login) => login.role === role)!.email)).limit(1))[0]!.id;
    await seedDemoTraineeProgramme(tx, tenantId, { seed: options.seed ?? "mangfold", hrUserId: await userIdOf("hr"), supervisorUserId: await userIdOf("supervisor") });
    // The trainee programme's recruitment needs and shortlists name demo candidates: after them too.
    await seedDemoTraineeRecruitment(tx, tenantId, { hrUserId: await userIdOf("hr"), advisorUserId: await userIdOf("advisor"), adminUserId: await userIdOf("admin") });
    // Partners, services, language groups and events (issue 8) name demo candidates and employers' contacts: last.
    await seedDemoServicesAndEvents(tx, tenantId, { seed: options.seed ?? "mangfold", advisorUserIds: advisorIds });
    const mentorEmail = logins.find((login) => login.role === "mentor")!.email;
    const [mentorUser] = await tx.select({ id: users.id }).from(users).where(eq(users.email, mentorEmail)).limit(1);
    await seedDemoMentoring(tx, tenantId, { seed: options.seed ?? "mangfold", mentorUserId: mentorUser?.id ?? null, mentorEmail, coordinatorUserIds: advisorIds });
    // The candidate portal (issue 10): the demo candidate user is linked to a candidate of her own; after the jobs.
    await seedDemoPortal(tx, tenantId, { candidateUserId: await userIdOf("candidate"), advisorUserId: await userIdOf("advisor") });
    await recordChange(tx, { kind: "system", tenantId }, { action: "demo.refresh", entityType: "network", entityId: tenantId });
    return { network: network!, logins };
  });
}
