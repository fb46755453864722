import { drivingLicenceClasses } from "../../shared/candidates.ts";

/*
 * Driving licence classes as bits. A class also counts for the classes one must hold to get it (C needs B,
 * CE needs C, …), so a job that requires B is open to a candidate who lists only C. Only prerequisites are
 * implied, nothing the law leaves in doubt.
 */

export type DrivingLicence = (typeof drivingLicenceClasses)[number];
export { drivingLicenceClasses };

export const licenceBit = (licence: DrivingLicence) => 1 << drivingLicenceClasses.indexOf(licence);

const implies: Partial<Record<DrivingLicence, DrivingLicence[]>> = {
  A2: ["A1"],
  A: ["A2", "A1"],
  BE: ["B"],
  C1: ["B"],
  C1E: ["C1", "BE", "B"],
  C: ["C1", "B"],
  CE: ["C", "C1", "C1E", "BE", "B"],
  D1: ["B"],
  D1E: ["D1", "BE", "B"],
  D: ["D1", "B"],
  DE: ["D", "D1", "D1E", "BE", "B"],
};

/** The candidate's classes with what they imply, as a bit mask. */
export function heldLicenceMask(licences: readonly DrivingLicence[]): number {
  let mask = 0;
  for (const licence of licences) {
    if (!drivingLicenceClasses.includes(licence)) continue;
    mask |= licenceBit(licence);
    for (const implied of implies[licence] ?? []) mask |= licenceBit(implied);
  }
  return mask;
}

/** The job's classes as a bit mask (nothing implied). */
export function licenceMask(licences: readonly DrivingLicence[]): number {
  let mask = 0;
  for (const licence of licences) if (drivingLicenceClasses.includes(licence)) mask |= licenceBit(licence);
  return mask;
}

export const licencesOfMask = (mask: number) => drivingLicenceClasses.filter((licence) => (mask & licenceBit(licence)) !== 0);
