import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { Role } from "../../session.ts";
import { api } from "../../api.ts";
import { eventKinds, inviteeStatuses } from "../../../shared/events.ts";
import type { Event, EventDetail, EventKind, Invitee, eventInputSchema, eventPatchSchema, sendInvitationsResultSchema } from "../../../shared/events.ts";

/* Events as the web app uses them (contracts: src/shared/events.ts; roles: src/server/events/policy.ts). */

export type { Event, EventDetail, EventKind, Invitee };
export type EventInput = z.input<typeof eventInputSchema>;
export type EventPatch = z.input<typeof eventPatchSchema>;
export type SendResult = z.infer<typeof sendInvitationsResultSchema>;
export { eventKinds, inviteeStatuses };

export const EVENT_ROLES: readonly Role[] = ["admin", "advisor"];

export const eventPath = (id: string) => `/api/v1/events/${encodeURIComponent(id)}`;

export const eventsQuery = (when: "upcoming" | "past") =>
  queryOptions({
    queryKey: ["events", "list", when],
    queryFn: ({ signal }) => api<{ items: Event[]; nextCursor: string | null }>(`/api/v1/events?when=${when}&limit=200`, { signal }),
  });
export const eventQuery = (id: string) =>
  queryOptions({
    queryKey: ["events", id],
    queryFn: ({ signal }) => api<EventDetail>(eventPath(id), { signal }),
  });
