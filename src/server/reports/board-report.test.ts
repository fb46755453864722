import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderBoardReportPdf } from "./board-report.ts";
import { fixtureDashboard } from "../../shared/charts.fixture.ts";

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "board-report-"));
  const file = path.join(dir, "report.pdf");
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\u00a0/g, " ");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("board report PDF", () => {
  it("is a PDF with the period, the key figures, the goal, the estimate and the small-number rule", async () => {
    const pdf = await renderBoardReportPdf({ dashboard: fixtureDashboard, network: { name: "Globale Bærum", themeColor: "#1f4e79" }, advisorName: null, lang: "nb", now: new Date("2026-07-01T10:00:00Z") });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Globale Bærum");
    expect(text).toContain("Styrerapport");
    expect(text).toContain("1. januar 2026 – 30. juni 2026");
    expect(text).toContain("1000 innvandrere i arbeid innen 3 år");
    expect(text).toMatch(/412 av 1 000/);
    expect(text).toContain("Personer i ordinært arbeid");
    expect(text).toMatch(/104\s/);
    expect(text).toContain("Bedrifter som har ansatt minst én");
    expect(text).toMatch(/37\s/);
    expect(text).toContain("anslag");
    expect(text).toContain("under 5");
    expect(text).toContain("Om små tall");
    // The chart's text came through svg-to-pdfkit as text.
    expect(text).toContain("Kvinne");
  }, 30_000);

  it("is in English with lang=en and names an advisor's caseload", async () => {
    const dashboard = { ...fixtureDashboard, filters: { ...fixtureDashboard.filters, caseload: true, advisorId: "00000000-0000-4000-8000-000000000009" } };
    const pdf = await renderBoardReportPdf({ dashboard, network: { name: "Globale Bærum", themeColor: "#1f4e79" }, advisorName: "Ada Advisor", lang: "en" });
    const text = pdfText(pdf);
    expect(text).toContain("Board report");
    expect(text).toContain("1 January 2026 – 30 June 2026");
    expect(text).toContain("caseload of Ada Advisor");
    expect(text).toContain("About small numbers");
  }, 30_000);
});
