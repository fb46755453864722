import { and, eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { AppError } from "../platform/errors.ts";
import { networks } from "./tables.ts";
import { employerSettings } from "../employers/tables.ts";
import { pipelineStages } from "../jobs/tables.ts";
import { traineeTemplates } from "../trainee-programme/tables.ts";
import { traineeInterviewCriteria } from "../trainee-recruitment/tables.ts";
import { serviceTypes } from "../services/tables.ts";
import { retentionSettings } from "../privacy/tables.ts";

/*
 * A new network from a template (issue 10, ADR 032): the way an existing network works — its settings, the
 * certification rule, the retention rules, the candidate-list stages, the trainee programme's template and interview criteria, and the
 * service types — copied into the new network in the transaction that creates it. Never its people, organisations
 * or records: no users, candidates, employers, partners, jobs, placements, goals, groups or events. Consent texts
 * and the mentors' declaration are versioned in the code and the same in every network, so there is nothing to copy.
 *
 * Each part is one entry here; a feature with settings of its own adds its part to this list.
 */

export type TemplatePart = { name: string; copy: (tx: Db, from: string, to: string) => Promise<number> };

const count = (rows: unknown[]) => rows.length;

export const templateParts: TemplatePart[] = [
  {
    name: "settings",
    copy: async (tx, from, to) => {
      const [source] = await tx.select().from(networks).where(eq(networks.id, from));
      // Public statistics stay off until the new network decides to publish; which figures it would publish is kept.
      await tx
        .update(networks)
        .set({
          themeColor: source!.themeColor,
          requireTwoFactorForAdmins: source!.requireTwoFactorForAdmins,
          exclusionCostNok: source!.exclusionCostNok,
          goalPlacementTypes: source!.goalPlacementTypes,
          publicStats: { ...source!.publicStats, enabled: false },
        })
        .where(eq(networks.id, to));
      return 1;
    },
  },
  {
    name: "certificationRule",
    copy: async (tx, from, to) => {
      const rows = await tx.select().from(employerSettings).where(eq(employerSettings.tenantId, from));
      if (rows.length === 0) return 0;
      return count(await tx.insert(employerSettings).values(rows.map((row) => ({ ...row, tenantId: to, updatedAt: new Date() }))).returning());
    },
  },
  {
    name: "retentionSettings",
    copy: async (tx, from, to) => {
      const rows = await tx.select().from(retentionSettings).where(eq(retentionSettings.tenantId, from));
      if (rows.length === 0) return 0;
      return count(await tx.insert(retentionSettings).values(rows.map((row) => ({ ...row, tenantId: to }))).returning());
    },
  },
  {
    name: "pipelineStages",
    copy: async (tx, from, to) => {
      const rows = await tx.select().from(pipelineStages).where(eq(pipelineStages.tenantId, from));
      if (rows.length === 0) return 0;
      return count(await tx.insert(pipelineStages).values(rows.map((row) => ({ ...row, tenantId: to }))).returning());
    },
  },
  {
    name: "traineeTemplate",
    copy: async (tx, from, to) => {
      const rows = await tx.select().from(traineeTemplates).where(eq(traineeTemplates.tenantId, from));
      if (rows.length === 0) return 0;
      return count(await tx.insert(traineeTemplates).values(rows.map((row) => ({ ...row, tenantId: to, updatedAt: new Date() }))).returning());
    },
  },
  {
    name: "interviewCriteria",
    copy: async (tx, from, to) => {
      const rows = await tx.select().from(traineeInterviewCriteria).where(eq(traineeInterviewCriteria.tenantId, from));
      if (rows.length === 0) return 0;
      return count(await tx.insert(traineeInterviewCriteria).values(rows.map((row) => ({ ...row, tenantId: to }))).returning());
    },
  },
  {
    name: "serviceTypes",
    copy: async (tx, from, to) => {
      // The types, without their default partner: partners are the old network's local organisations.
      const rows = await tx
        .select()
        .from(serviceTypes)
        .where(and(eq(serviceTypes.tenantId, from), eq(serviceTypes.archived, false)));
      if (rows.length === 0) return 0;
      return count(
        await tx
          .insert(serviceTypes)
          .values(rows.map(({ id: _id, tenantId: _tenant, createdAt: _created, ...row }) => ({ ...row, tenantId: to, defaultPartnerId: null })))
          .returning(),
      );
    },
  },
];

/** Copies the template network's way of working into the new network; returns what was copied, per part. */
export async function copyFromTemplate(tx: Db, templateNetworkId: string, newNetworkId: string): Promise<Record<string, number>> {
  const [template] = await tx.select({ id: networks.id }).from(networks).where(eq(networks.id, templateNetworkId));
  if (!template) throw new AppError("validation_failed", "body.templateNetworkId: no such network", { errors: [{ path: "body.templateNetworkId", message: "no such network" }] });
  const copied: Record<string, number> = {};
  for (const part of templateParts) copied[part.name] = await part.copy(tx, templateNetworkId, newNetworkId);
  return copied;
}
