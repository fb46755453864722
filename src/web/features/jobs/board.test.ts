import { describe, expect, it } from "vitest";
import { groupByStage, shareState } from "./board.ts";
import type { PipelineEntry, PipelineStage } from "./api.ts";

const stage = (key: string, position: number): PipelineStage => ({ key, label: key.toUpperCase(), labelNb: key, labelEn: key, position, meaning: "open", inUse: 0 });
const entry = (id: string, key: string) => ({ id, stage: { key, label: `Old ${key}`, meaning: "open" } }) as unknown as PipelineEntry;

describe("candidate-list board", () => {
  it("groups entries by the network's stages in order, keeping empty columns and unknown stages last", () => {
    const columns = groupByStage([stage("suggested", 0), stage("interview", 1)], [entry("a", "interview"), entry("b", "gone"), entry("c", "interview")]);
    expect(columns.map((c) => [c.stage.key, c.cards.map((e) => e.id)])).toEqual([
      ["suggested", []],
      ["interview", ["a", "c"]],
      ["gone", ["b"]],
    ]);
    expect(columns[2]!.stage.label).toBe("Old gone");
  });

  it("offers the anonymous CV first and the full CV after the employer's interest", () => {
    const employer = { employer: { id: "e", name: "E" } };
    expect(shareState(employer, { sharedVariant: null, employerResponse: null })).toEqual({ anonymous: true, full: false, fullWaiting: false });
    expect(shareState(employer, { sharedVariant: "anonymous", employerResponse: null })).toEqual({ anonymous: false, full: false, fullWaiting: true });
    expect(shareState(employer, { sharedVariant: "anonymous", employerResponse: "interesting" })).toEqual({ anonymous: false, full: true, fullWaiting: false });
    expect(shareState(employer, { sharedVariant: "full", employerResponse: "interesting" })).toEqual({ anonymous: false, full: false, fullWaiting: false });
    expect(shareState({ employer: null }, { sharedVariant: null, employerResponse: null }).anonymous).toBe(false);
  });
});
