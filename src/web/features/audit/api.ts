import type { AccessFlag, AuditChange, AuditRead, DeniedRequest, ProcessingRecord } from "../../../shared/audit.ts";

export type { AccessFlag, AuditChange, AuditRead, DeniedRequest, ProcessingRecord };
export type Page<T> = { items: T[]; nextCursor: string | null };

export const auditTabs = ["changes", "reads", "denied", "flags"] as const;
export type AuditTab = (typeof auditTabs)[number];

/** The audit page's state in the URL: the tab and the filters. */
export type AuditSearch = {
  tab?: AuditTab;
  from?: string;
  to?: string;
  userId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  scope?: "network" | "unauthenticated";
};
export const filterKeys = ["from", "to", "userId", "action", "entityType", "entityId"] as const;
export type AuditFilters = Pick<AuditSearch, (typeof filterKeys)[number]>;

const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isText = (v: unknown): v is string => typeof v === "string" && v.trim().length > 0 && v.length <= 80;

/** Reads the URL's search into the page's state, dropping anything malformed. */
export function parseAuditSearch(s: Record<string, unknown>): AuditSearch {
  const out: AuditSearch = {};
  if (typeof s.tab === "string" && (auditTabs as readonly string[]).includes(s.tab)) out.tab = s.tab as AuditTab;
  if (isDate(s.from)) out.from = s.from;
  if (isDate(s.to)) out.to = s.to;
  if (typeof s.userId === "string" && /^[0-9a-f-]{36}$/i.test(s.userId)) out.userId = s.userId;
  if (isText(s.action)) out.action = s.action.trim();
  if (isText(s.entityType)) out.entityType = s.entityType.trim();
  if (isText(s.entityId)) out.entityId = s.entityId.trim();
  if (s.scope === "unauthenticated") out.scope = "unauthenticated";
  return out;
}

/** The API's query string for the filters (and extra parameters such as the cursor or the format). */
export function queryString(filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}
