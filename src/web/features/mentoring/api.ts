import type { z } from "zod";
import type {
  endMentorshipSchema,
  feedbackSchema,
  meetingInputSchema,
  menteeConsentSchema,
  mentorInputSchema,
  mentorPatchSchema,
  mentorSchema,
  mentorSelfSchema,
  mentorshipProposalSchema,
  mentorshipSchema,
  pairSuggestionSchema,
  meetingSchema,
  mentoringReportSchema,
  MentorshipStatus,
} from "../../../shared/mentoring.ts";
import { menteeFields, mentorshipStatuses } from "../../../shared/mentoring.ts";
import { queryOptions } from "@tanstack/react-query";
import { api } from "../../api.ts";
import { toSearch } from "../candidates/api.ts";

/*
 * Mentoring as the web app uses it (contract: src/shared/mentoring.ts). The server decides what a mentor sees;
 * these calls only carry it.
 */

export type Mentor = z.infer<typeof mentorSchema>;
export type MentorInput = z.input<typeof mentorInputSchema>;
export type MentorPatch = z.input<typeof mentorPatchSchema>;
export type MentorSelf = z.infer<typeof mentorSelfSchema>;
export type Mentorship = z.infer<typeof mentorshipSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type PairSuggestion = z.infer<typeof pairSuggestionSchema>;
export type Proposal = z.input<typeof mentorshipProposalSchema>;
export type MenteeField = (typeof menteeFields)[number];
export type { MentorshipStatus };
export { menteeFields, mentorshipStatuses };

type Page<T> = { items: T[]; nextCursor: string | null };
type Lang = "nb" | "en";

export const listMentors = (query: { q?: string; cursor?: string }, lang: Lang, signal?: AbortSignal) => api<Page<Mentor>>(`/api/v1/mentoring/mentors${toSearch({ ...query, lang })}`, { signal });
export const getMentor = (id: string, lang: Lang, signal?: AbortSignal) => api<Mentor>(`/api/v1/mentoring/mentors/${id}?lang=${lang}`, { signal });
export const createMentor = (input: MentorInput) => api<Mentor>("/api/v1/mentoring/mentors", { method: "POST", body: input });
export const updateMentor = (id: string, patch: MentorPatch) => api<Mentor>(`/api/v1/mentoring/mentors/${id}`, { method: "PATCH", body: patch });
export const menteeSuggestions = (mentorId: string, lang: Lang, signal?: AbortSignal) => api<{ items: PairSuggestion[] }>(`/api/v1/mentoring/mentors/${mentorId}/suggestions?lang=${lang}`, { signal });
export const mentorSuggestions = (candidateId: string, lang: Lang, signal?: AbortSignal) => api<{ items: PairSuggestion[] }>(`/api/v1/mentoring/candidates/${candidateId}/suggestions?lang=${lang}`, { signal });

export const getMentorSelf = (lang: Lang, signal?: AbortSignal) => api<MentorSelf>(`/api/v1/mentoring/me?lang=${lang}`, { signal });
export const signDeclaration = (version: string) => api<void>("/api/v1/mentoring/me/declaration", { method: "POST", body: { version } });

export const listMentorships = (query: { status?: MentorshipStatus; mentorId?: string; candidateId?: string; cursor?: string }, lang: Lang, signal?: AbortSignal) =>
  api<Page<Mentorship>>(`/api/v1/mentoring/relationships${toSearch({ ...query, lang })}`, { signal });
export const getMentorship = (id: string, lang: Lang, signal?: AbortSignal) => api<Mentorship>(`/api/v1/mentoring/relationships/${id}?lang=${lang}`, { signal });
export const proposeMentorship = (input: Proposal) => api<Mentorship>("/api/v1/mentoring/relationships", { method: "POST", body: input });
export const recordMenteeAcceptance = (id: string, input: z.input<typeof menteeConsentSchema>) => api<Mentorship>(`/api/v1/mentoring/relationships/${id}/mentee-acceptance`, { method: "POST", body: input });
export const acceptAsMentor = (id: string) => api<Mentorship>(`/api/v1/mentoring/relationships/${id}/accept`, { method: "POST", body: {} });
export const declineMentorship = (id: string) => api<Mentorship>(`/api/v1/mentoring/relationships/${id}/decline`, { method: "POST", body: {} });
export const logMeeting = (id: string, input: z.input<typeof meetingInputSchema>) => api<Meeting>(`/api/v1/mentoring/relationships/${id}/meetings`, { method: "POST", body: input });
export const endMentorship = (id: string, input: z.input<typeof endMentorshipSchema>) => api<Mentorship>(`/api/v1/mentoring/relationships/${id}/end`, { method: "POST", body: input });
export const giveFeedback = (id: string, input: z.input<typeof feedbackSchema>) => api<Mentorship>(`/api/v1/mentoring/relationships/${id}/feedback`, { method: "POST", body: input });

/** Today in Norway as YYYY-MM-DD (the default date of a meeting or an end). */
export const todayIso = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Oslo" }).format(new Date());

export type MentoringReport = z.infer<typeof mentoringReportSchema>;
/** The aggregated mentoring report for a period (GET /api/v1/reports/mentoring). */
export const mentoringReportQuery = (period: { from: string; to: string }) =>
  queryOptions({
    queryKey: ["reports", "mentoring", period.from, period.to],
    queryFn: ({ signal }) => api<MentoringReport>(`/api/v1/reports/mentoring?${new URLSearchParams(period).toString()}`, { signal }),
  });
