import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { auditLog } from "../platform/tables.ts";
import { employerCertificates, employerStatusChanges, employers } from "../employers/tables.ts";
import { networks } from "../networks/tables.ts";
import { generateCode } from "./codes.ts";
import { normaliseCode } from "../../shared/certificates.ts";
import { addMonths, endOfNextYear, todayInOslo } from "./dates.ts";
import { checkCertificationRule, encodeProposalCursor, listCertificationProposals } from "./service.ts";
import type { Actor } from "../platform/actor.ts";
import { insertEmployer, insertHire, makeContactUser } from "./test-fixtures.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;

let t: TestApp;
let admin: Signed;
let advisor: Signed;
let tenantId: string;
let otherTenant: string;
const today = todayInOslo();
const daysAgo = (n: number) => {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as("admin");
  tenantId = admin.tenantId;
  advisor = await t.as("advisor", tenantId);
  otherTenant = (await t.createNetwork({ name: "Asker nettverk", slug: "asker" })).id;
});
afterAll(() => t.close());

describe("verification codes", () => {
  it("are MF- and three groups of four from an alphabet without look-alikes, and do not repeat", () => {
    const codes = new Set(Array.from({ length: 2000 }, generateCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^MF-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  });

  it("are read case-insensitively, with or without dashes, spaces and prefix", () => {
    for (const typed of ["MF-7K2Q-9XWD-H3TP", "mf-7k2q-9xwd-h3tp", "MF7K2Q9XWDH3TP", "7K2Q9XWDH3TP", " mf 7k2q 9xwd h3tp ", "7k2q-9xwd-h3tp"]) {
      expect(normaliseCode(typed), typed).toBe("MF-7K2Q-9XWD-H3TP");
    }
    for (const wrong of ["", "MF-7K2Q-9XWD", "MF-7K2Q-9XWD-H3TO", "MF-7K2Q-9XWD-H3T1", "MF-7K2Q-9XWD-H3TPX", "XX-7K2Q-9XWD-H3TP"]) {
      expect(normaliseCode(wrong), wrong).toBeNull();
    }
  });
});

describe("dates", () => {
  it("adds months, clamping to the month's last day", () => {
    expect(addMonths("2026-05-10", -24)).toBe("2024-05-10");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2024-02-29", -24)).toBe("2022-02-28");
    expect(addMonths("2025-12-15", 1)).toBe("2026-01-15");
    expect(addMonths("2026-01-31", -13)).toBe("2024-12-31");
    expect(endOfNextYear("2026-01-01")).toBe("2027-12-31");
    expect(todayInOslo(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});

describe("the certification rule", () => {
  it("defaults: one hire in 24 months, valid 24 months; admins set it, advisors read it", async () => {
    const own = await t.as("admin");
    expect((await own.get("/api/v1/employers/certification-rule")).json()).toEqual({ minHires: 1, windowMonths: 24, validityMonths: 24 });
    const advisorOwn = await t.as("advisor", own.tenantId);
    expect((await advisorOwn.request("PUT", "/api/v1/employers/certification-rule", { minHires: 2 })).statusCode).toBe(403);
    const put = await own.request("PUT", "/api/v1/employers/certification-rule", { minHires: 2, windowMonths: 12 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ minHires: 2, windowMonths: 12, validityMonths: 24 });
    expect((await advisorOwn.get("/api/v1/employers/certification-rule")).json()).toEqual({ minHires: 2, windowMonths: 12, validityMonths: 24 });
    const bad = await own.request("PUT", "/api/v1/employers/certification-rule", { minHires: 0, windowMonths: 12, extra: true });
    expect(bad.statusCode).toBe(400);
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.tenantId, own.tenantId), eq(auditLog.action, "employer.certification_rule")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toEqual({ minHires: 1, windowMonths: 24, validityMonths: 24 });
  });
});

describe("proposals and the rule's edge cases", () => {
  // A network of its own, with a fixed "today", so the window's edges are exact.
  const fixedToday = "2026-05-10";
  let net: string;
  let actor: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const a = await t.as("admin");
    net = a.tenantId;
    actor = { kind: "user", userId: a.userId, sessionId: "x", tenantId: net, role: "admin", instanceAdmin: false, twoFactorPending: false };
    const e = async (key: string, name: string, status: Parameters<typeof insertEmployer>[2]["status"] = "member") => {
      ids[key] = (await insertEmployer(t.ctx.db, net, { name, status })).id;
    };
    await e("boundary", "Akkurat Innenfor AS");
    await insertHire(t.ctx.db, net, ids.boundary!, "2024-05-10");
    await e("dayBefore", "Dagen Før AS");
    await insertHire(t.ctx.db, net, ids.dayBefore!, "2024-05-09");
    await e("trainee", "Bare Trainee AS");
    await insertHire(t.ctx.db, net, ids.trainee!, "2026-01-10", "trainee");
    await insertHire(t.ctx.db, net, ids.trainee!, "2026-02-10", "work_practice");
    await e("future", "Fremtid AS");
    await insertHire(t.ctx.db, net, ids.future!, "2026-05-11");
    await e("prospect", "Prospekt Med Ansettelse AS", "prospect");
    await insertHire(t.ctx.db, net, ids.prospect!, "2025-09-01", "ordinary_temporary");
    await e("lapsed", "Utmeldt AS", "lapsed");
    await insertHire(t.ctx.db, net, ids.lapsed!, "2026-03-01");
    await e("certified", "Allerede Sertifisert AS", "certified");
    await insertHire(t.ctx.db, net, ids.certified!, "2026-03-01");
    await t.ctx.db.insert(employerCertificates).values({ tenantId: net, employerId: ids.certified!, kind: "certification", code: generateCode(), validUntil: "2027-01-01" });
    await e("expired", "Utløpt Sertifisering AS", "certified");
    await insertHire(t.ctx.db, net, ids.expired!, "2026-03-01");
    await t.ctx.db.insert(employerCertificates).values({ tenantId: net, employerId: ids.expired!, kind: "certification", code: generateCode(), validUntil: "2026-05-09" });
    // A hire in another network: neither its employer nor, through a corrupt row, this network's employer counts.
    await e("elsewhere", "Ansatt Annensteds AS");
    await insertHire(t.ctx.db, otherTenant, ids.elsewhere!, "2026-03-01");
    const otherEmployer = await insertEmployer(t.ctx.db, otherTenant, { name: "Annet Nettverk AS", status: "member" });
    await insertHire(t.ctx.db, otherTenant, otherEmployer.id, "2026-03-01");
    // A hire without an employer (a municipal unit, or the employer was deleted).
    await insertHire(t.ctx.db, net, null, "2026-03-01");
    await e("two", "To Ansettelser AS");
    await insertHire(t.ctx.db, net, ids.two!, "2025-01-01");
    await insertHire(t.ctx.db, net, ids.two!, "2026-04-01", "ordinary_temporary");
  });

  const proposedNames = async () => (await listCertificationProposals(t.ctx.db, actor, { limit: 50 }, fixedToday)).rows.map((r) => r.name);

  it("proposes employers meeting the rule that are not certified now, by name", async () => {
    expect(await proposedNames()).toEqual(["Akkurat Innenfor AS", "Prospekt Med Ansettelse AS", "To Ansettelser AS", "Utløpt Sertifisering AS"]);
    const [two] = (await listCertificationProposals(t.ctx.db, actor, { limit: 50 }, fixedToday)).rows.filter((r) => r.name === "To Ansettelser AS");
    expect(two).toMatchObject({ qualifyingHires: 2, lastHireOn: "2026-04-01", membershipStatus: "member" });
  });

  it("counts a hire exactly at the window's start, not the day before, and not one that has not started", async () => {
    expect((await checkCertificationRule(t.ctx.db, net, ids.boundary!, fixedToday)).met).toBe(true);
    expect(await checkCertificationRule(t.ctx.db, net, ids.dayBefore!, fixedToday)).toMatchObject({ met: false, qualifyingHires: 0 });
    expect(await checkCertificationRule(t.ctx.db, net, ids.future!, fixedToday)).toMatchObject({ met: false, qualifyingHires: 0 });
    // The next day the boundary hire has left the window.
    expect((await checkCertificationRule(t.ctx.db, net, ids.boundary!, "2026-05-11")).met).toBe(false);
  });

  it("leaves out hires of types that do not count, hires in another network and hires without an employer", async () => {
    expect(await checkCertificationRule(t.ctx.db, net, ids.trainee!, fixedToday)).toMatchObject({ met: false, qualifyingHires: 0, explanation: "0 of 1 hire in the last 24 months" });
    expect((await checkCertificationRule(t.ctx.db, net, ids.elsewhere!, fixedToday)).qualifyingHires).toBe(0);
    expect(await proposedNames()).not.toContain("Annet Nettverk AS");
  });

  it("follows the network's goal placement types and the rule's numbers", async () => {
    await t.ctx.db.update(networks).set({ goalPlacementTypes: ["ordinary_permanent", "ordinary_temporary", "trainee"] }).where(eq(networks.id, net));
    expect(await proposedNames()).toContain("Bare Trainee AS");
    await t.ctx.db.update(networks).set({ goalPlacementTypes: ["ordinary_permanent", "ordinary_temporary"] }).where(eq(networks.id, net));
    const a = await t.signIn((await t.createUser(net, "admin")).email, "correct-horse-battery");
    await a.request("PUT", "/api/v1/employers/certification-rule", { minHires: 2, windowMonths: 24 });
    expect(await proposedNames()).toEqual(["To Ansettelser AS"]);
    expect((await checkCertificationRule(t.ctx.db, net, ids.boundary!, fixedToday)).explanation).toBe("1 of 2 hires in the last 24 months");
    await a.request("PUT", "/api/v1/employers/certification-rule", {});
  });

  it("pages by name", async () => {
    const names: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const { rows } = await listCertificationProposals(t.ctx.db, actor, { limit: 1, cursor }, fixedToday);
      names.push(...rows.slice(0, 1).map((r) => r.name));
      if (rows.length <= 1) break;
      cursor = encodeProposalCursor(rows[0]!);
    }
    expect(names).toEqual(await proposedNames());
    await expect(listCertificationProposals(t.ctx.db, actor, { limit: 1, cursor: "garbage" }, fixedToday)).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("confirming a certification", () => {
  it("issues the certificate and sets the status certified in one go (201)", async () => {
    const employer = await insertEmployer(t.ctx.db, tenantId, { name: "Rema Bekkestua", status: "member" });
    await insertHire(t.ctx.db, tenantId, employer.id, daysAgo(30));
    const proposals = (await advisor.get("/api/v1/employers/certification-proposals")).json();
    expect(proposals.items.map((p: { employer: { id: string } }) => p.employer.id)).toContain(employer.id);

    expect((await advisor.post(`/api/v1/employers/${employer.id}/certification`, {})).statusCode).toBe(403);
    const response = await admin.post(`/api/v1/employers/${employer.id}/certification`, { note: "Signed at the spring meeting" });
    expect(response.statusCode).toBe(201);
    const certificate = response.json();
    expect(certificate).toMatchObject({ kind: "certification", state: "valid", validUntil: addMonths(today, 24), revokedAt: null });
    expect(certificate.code).toMatch(/^MF-/);
    const [row] = await t.ctx.db.select().from(employers).where(eq(employers.id, employer.id));
    expect(row!.membershipStatus).toBe("certified");
    const history = await t.ctx.db.select().from(employerStatusChanges).where(eq(employerStatusChanges.employerId, employer.id));
    expect(history).toMatchObject([{ fromStatus: "member", toStatus: "certified", note: "Signed at the spring meeting" }]);
    const audit = await t.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.tenantId, tenantId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["certificate.issue", "employer.status"]));
    // No longer proposed.
    const after = (await admin.get("/api/v1/employers/certification-proposals")).json();
    expect(after.items.map((p: { employer: { id: string } }) => p.employer.id)).not.toContain(employer.id);
  });

  it("refuses with 422 rule_broken and says why, writing nothing", async () => {
    const employer = await insertEmployer(t.ctx.db, tenantId, { name: "Uten Ansettelser AS", status: "member" });
    await insertHire(t.ctx.db, tenantId, employer.id, daysAgo(10), "trainee");
    const response = await admin.post(`/api/v1/employers/${employer.id}/certification`);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: "rule_broken", qualifyingHires: 0, minHires: 1, windowMonths: 24 });
    expect(response.json().detail).toContain("0 of 1 hire in the last 24 months");
    expect(await t.ctx.db.select().from(employerCertificates).where(eq(employerCertificates.employerId, employer.id))).toEqual([]);
    const [row] = await t.ctx.db.select().from(employers).where(eq(employers.id, employer.id));
    expect(row!.membershipStatus).toBe("member");
  });

  it("refuses a lapsed employer, and answers 404 for an unknown one", async () => {
    const employer = await insertEmployer(t.ctx.db, tenantId, { name: "Utmeldt Med Ansettelse AS", status: "lapsed" });
    await insertHire(t.ctx.db, tenantId, employer.id, daysAgo(10));
    const response = await admin.post(`/api/v1/employers/${employer.id}/certification`, {});
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: "rule_broken", reason: "lapsed" });
    expect((await admin.post("/api/v1/employers/00000000-0000-4000-8000-000000000000/certification", {})).statusCode).toBe(404);
  });
});

describe("membership certificates, revocation and expiry", () => {
  it("membership certificates are for members and certified employers, valid until the end of next year", async () => {
    const prospect = await insertEmployer(t.ctx.db, tenantId, { name: "Bare Prospekt AS" });
    const refused = await advisor.post(`/api/v1/employers/${prospect.id}/certificates`, { kind: "membership" });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: "rule_broken", reason: "not_a_member" });
    const member = await insertEmployer(t.ctx.db, tenantId, { name: "Medlem AS", status: "member" });
    const issued = await advisor.post(`/api/v1/employers/${member.id}/certificates`, { kind: "membership" });
    expect(issued.statusCode).toBe(201);
    expect(issued.json()).toMatchObject({ kind: "membership", state: "valid", validUntil: endOfNextYear(today) });
    expect((await advisor.post(`/api/v1/employers/${member.id}/certificates`, { kind: "certification" })).statusCode).toBe(400);
  });

  it("revoking: admins only, with a reason; the public check says revoked, without the reason", async () => {
    const member = await insertEmployer(t.ctx.db, tenantId, { name: "Trukket Tilbake AS", status: "member" });
    const certificate = (await admin.post(`/api/v1/employers/${member.id}/certificates`, { kind: "membership" })).json();
    const url = `/api/v1/employers/${member.id}/certificates/${certificate.id}/revoke`;
    expect((await advisor.post(url, { reason: "x" })).statusCode).toBe(403);
    expect((await admin.post(url, {})).statusCode).toBe(400);
    const revoked = await admin.post(url, { reason: "Issued to the wrong company" });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ state: "revoked", revokedReason: "Issued to the wrong company" });
    expect((await admin.post(url, { reason: "again" })).statusCode).toBe(409);
    const check = await t.anonymous.get(`/api/public/certificates/${certificate.code}`);
    expect(check.json()).toMatchObject({ state: "revoked", revokedAt: expect.any(String) });
    expect(check.body).not.toContain("wrong company");
    // The PDF shows only valid certificates.
    expect((await admin.get(`/api/v1/employers/${member.id}/certificate.pdf?kind=membership`)).statusCode).toBe(404);
    // Another employer's certificate id under this employer → 404.
    const other = await insertEmployer(t.ctx.db, tenantId, { name: "Annen AS", status: "member" });
    expect((await admin.post(`/api/v1/employers/${other.id}/certificates/${certificate.id}/revoke`, { reason: "x" })).statusCode).toBe(404);
  });

  it("revoking the last valid certification moves a certified employer back to member", async () => {
    const employer = await insertEmployer(t.ctx.db, tenantId, { name: "Tilbake Til Medlem AS", status: "member" });
    await insertHire(t.ctx.db, tenantId, employer.id, daysAgo(3));
    const certificate = (await admin.post(`/api/v1/employers/${employer.id}/certification`, {})).json();
    await admin.post(`/api/v1/employers/${employer.id}/certificates/${certificate.id}/revoke`, { reason: "Hiring was not through the network" });
    const [row] = await t.ctx.db.select().from(employers).where(eq(employers.id, employer.id));
    expect(row!.membershipStatus).toBe("member");
  });

  it("an expired certificate says expired publicly, is not downloadable, and its employer is proposed again", async () => {
    const employer = await insertEmployer(t.ctx.db, tenantId, { name: "Utløper Snart AS", status: "member" });
    await insertHire(t.ctx.db, tenantId, employer.id, daysAgo(3));
    const certificate = (await admin.post(`/api/v1/employers/${employer.id}/certification`, {})).json();
    expect((await admin.get(`/api/v1/employers/${employer.id}/certificate.pdf?kind=certification`)).statusCode).toBe(200);
    await t.ctx.db.update(employerCertificates).set({ validUntil: daysAgo(1) }).where(eq(employerCertificates.id, certificate.id));
    expect((await t.anonymous.get(`/api/public/certificates/${certificate.code}`)).json()).toMatchObject({ state: "expired", validUntil: daysAgo(1) });
    expect((await admin.get(`/api/v1/employers/${employer.id}/certificate.pdf?kind=certification`)).statusCode).toBe(404);
    const proposals = (await admin.get("/api/v1/employers/certification-proposals?limit=200")).json();
    expect(proposals.items.find((p: { employer: { id: string } }) => p.employer.id === employer.id)).toMatchObject({ employer: { membershipStatus: "certified" } });
    // Valid through the valid-until day itself.
    await t.ctx.db.update(employerCertificates).set({ validUntil: today }).where(eq(employerCertificates.id, certificate.id));
    expect((await t.anonymous.get(`/api/public/certificates/${certificate.code}`)).json().state).toBe("valid");
  });
});

describe("the certificate PDF", () => {
  const pdftotext = (() => {
    try {
      execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  const textOf = (pdf: Buffer) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mf-cert-")), "c.pdf");
    fs.writeFileSync(file, pdf);
    return execFileSync("pdftotext", [file, "-"]).toString();
  };

  it("is a real PDF with the title, employer, organisation number, network, dates and the code", async () => {
    const employer = await insertEmployer(t.ctx.db, tenantId, { name: "Bærum Renhold AS", status: "member" });
    const certificate = (await admin.post(`/api/v1/employers/${employer.id}/certificates`, { kind: "membership" })).json();
    const response = await advisor.get(`/api/v1/employers/${employer.id}/certificate.pdf?kind=membership&lang=nb`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toContain("medlemsbevis-baerum-renhold-as.pdf");
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // The QR code's link and the document's subject carry the code in plain bytes.
    expect(pdf.toString("latin1")).toContain(`/verify/${certificate.code}`);
    if (pdftotext) {
      const text = textOf(pdf);
      for (const expected of ["Medlemsbevis", "Bærum Renhold AS", `Org.nr. ${employer.orgNumber.slice(0, 3)} ${employer.orgNumber.slice(3, 6)} ${employer.orgNumber.slice(6)}`, "Kontrollkode".toUpperCase()]) {
        expect(text).toContain(expected);
      }
      // The code is printed letter-spaced, and pdftotext sometimes reads a gap in it as a space.
      expect(text.replace(/\s+/g, "")).toContain(certificate.code);
      const english = textOf((await admin.get(`/api/v1/employers/${employer.id}/certificate.pdf?kind=membership&lang=en`)).rawPayload);
      expect(english).toContain("Certificate of Membership");
      expect(english).toContain("Valid until".toUpperCase());
    }
    expect((await admin.get(`/api/v1/employers/${employer.id}/certificate.pdf?kind=certification`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/employers/${employer.id}/certificate.pdf?kind=diploma`)).statusCode).toBe(400);
  });

  it("employer users download their own company's certificates, and no other", async () => {
    const own = await insertEmployer(t.ctx.db, tenantId, { name: "Egen Bedrift AS", status: "member" });
    const other = await insertEmployer(t.ctx.db, tenantId, { name: "Konkurrent AS", status: "member" });
    for (const e of [own, other]) await admin.post(`/api/v1/employers/${e.id}/certificates`, { kind: "membership" });
    const user = await t.as("employer", tenantId);
    await makeContactUser(t.ctx.db, tenantId, own.id, user.userId);
    expect((await user.get(`/api/v1/employers/${own.id}/certificate.pdf`)).statusCode).toBe(200);
    const refused = await user.get(`/api/v1/employers/${other.id}/certificate.pdf`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe("not_found");
    // A contact of the same company in another network gives nothing here either.
    const elsewhere = await t.as("employer", otherTenant);
    await makeContactUser(t.ctx.db, otherTenant, (await insertEmployer(t.ctx.db, otherTenant, { name: "Egen Bedrift AS", status: "member" })).id, elsewhere.userId);
    expect((await elsewhere.get(`/api/v1/employers/${own.id}/certificate.pdf`)).statusCode).toBe(404);
    // Employer users issue nothing.
    expect((await user.post(`/api/v1/employers/${own.id}/certificates`, { kind: "membership" })).statusCode).toBe(403);
  });
});

describe("public verification and the member list", () => {
  it("verifies by code without signing in: case, dashes and prefix do not matter; unknown codes are 404", async () => {
    const employer = await insertEmployer(t.ctx.db, tenantId, { name: "Verifisert AS", status: "member" });
    const certificate = (await admin.post(`/api/v1/employers/${employer.id}/certificates`, { kind: "membership" })).json();
    const loose = certificate.code.toLowerCase().replaceAll("-", "").slice(2);
    const response = await t.anonymous.get(`/api/public/certificates/${loose}`);
    expect(response.statusCode).toBe(200);
    const [network] = await t.ctx.db.select().from(networks).where(eq(networks.id, tenantId));
    expect(response.json()).toEqual({
      code: certificate.code,
      kind: "membership",
      state: "valid",
      employer: { name: "Verifisert AS", orgNumber: employer.orgNumber },
      network: { name: network!.name, slug: network!.slug, themeColor: network!.themeColor },
      issuedAt: certificate.issuedAt,
      validUntil: certificate.validUntil,
      revokedAt: null,
    });
    expect(response.headers["cache-control"]).toBe("no-store");
    for (const unknown of ["MF-2222-2222-2222", "not-a-code", "MF-0000-0000-0000"]) {
      const missing = await t.anonymous.get(`/api/public/certificates/${unknown}`);
      expect(missing.statusCode, unknown).toBe(404);
      expect(missing.json().code).toBe("not_found");
    }
  });

  it("lists members and certified employers that agreed to be shown, by name, CORS-open and cacheable", async () => {
    const net = await t.createNetwork({ name: "Globale Asker", slug: "globale-asker" });
    const a = await t.as("admin", net.id);
    const listed = await insertEmployer(t.ctx.db, net.id, { name: "Åsen Bakeri AS", status: "member", publicListing: true, naceCode: "10.710", naceSection: "C", website: "https://asen.example.no" });
    const certified = await insertEmployer(t.ctx.db, net.id, { name: "Bygg og Betong AS", status: "member", publicListing: true });
    await insertHire(t.ctx.db, net.id, certified.id, daysAgo(40));
    const certificate = (await a.post(`/api/v1/employers/${certified.id}/certification`, {})).json();
    // Certified in status, but the certification expired: shown as a member.
    const expired = await insertEmployer(t.ctx.db, net.id, { name: "Cafe Utløpt AS", status: "certified", publicListing: true });
    await t.ctx.db.insert(employerCertificates).values({ tenantId: net.id, employerId: expired.id, kind: "certification", code: generateCode(), validUntil: daysAgo(1) });
    for (const [name, status, publicListing] of [
      ["Hemmelig Medlem AS", "member", false],
      ["Prospekt AS", "prospect", true],
      ["Kontaktet AS", "contacted", true],
      ["Utmeldt AS", "lapsed", true],
    ] as const) {
      await insertEmployer(t.ctx.db, net.id, { name, status, publicListing });
    }
    await insertEmployer(t.ctx.db, otherTenant, { name: "Annet Nettverk Medlem AS", status: "member", publicListing: true });

    const response = await t.anonymous.get("/api/public/networks/globale-asker/members");
    expect(response.statusCode).toBe(200);
    expect(response.headers["access-control-allow-origin"]).toBe("*");
    expect(response.headers["cache-control"]).toBe("public, max-age=300");
    expect(response.json()).toEqual({
      network: { name: "Globale Asker", slug: "globale-asker", themeColor: "#0062ba" },
      items: [
        { name: "Bygg og Betong AS", orgNumber: certified.orgNumber, municipality: "Bærum", naceSection: null, website: "", status: "certified", certifiedUntil: certificate.validUntil },
        { name: "Cafe Utløpt AS", orgNumber: expired.orgNumber, municipality: "Bærum", naceSection: null, website: "", status: "member", certifiedUntil: null },
        { name: "Åsen Bakeri AS", orgNumber: listed.orgNumber, municipality: "Bærum", naceSection: "C", website: "https://asen.example.no", status: "member", certifiedUntil: null },
      ],
    });
    const missing = await t.anonymous.get("/api/public/networks/no-such-network/members");
    expect(missing.statusCode).toBe(404);
  });

  it("is in the OpenAPI description under /api/public", async () => {
    const spec = (await t.anonymous.get("/api/openapi.json")).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/api/public/certificates/{code}", "/api/public/networks/{slug}/members", "/api/v1/register/entities"]));
    expect(spec.paths["/api/public/certificates/{code}"].get.security).toEqual([]);
  });
});

describe("framing", () => {
  it("lets other sites frame the member list page, and no other page", async () => {
    const embed = await t.anonymous.get("/networks/globale-asker/members");
    expect(embed.headers["x-frame-options"]).toBeUndefined();
    expect(embed.headers["content-security-policy"]).toContain("frame-ancestors *");
    expect(embed.headers["content-security-policy"]).not.toContain("frame-ancestors 'none'");
    for (const other of ["/verify/MF-2222-2222-2222", "/networks/globale-asker/members/../../sign-in", "/networks/x/members-evil", "/"]) {
      const response = await t.anonymous.get(other);
      expect(response.headers["x-frame-options"], other).toBe("SAMEORIGIN");
      expect(response.headers["content-security-policy"], other).toContain("frame-ancestors 'none'");
    }
  });
});
