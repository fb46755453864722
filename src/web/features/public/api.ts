import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { publicCertificateSchema, publicMemberListSchema } from "../../../shared/employers.ts";
import { api } from "../../api.ts";

/* The public, sign-in-free API: certificate verification and a network's member list (contract: shared/employers.ts). */

export type PublicCertificate = z.infer<typeof publicCertificateSchema>;
export type PublicMemberList = z.infer<typeof publicMemberListSchema>;
export type PublicMember = PublicMemberList["items"][number];

export function publicCertificateQuery(code: string) {
  return queryOptions({
    queryKey: ["public", "certificate", code],
    queryFn: ({ signal }) => api<PublicCertificate>(`/api/public/certificates/${encodeURIComponent(code)}`, { signal }),
    retry: false,
    // A revocation shows at once when someone checks again.
    staleTime: 0,
  });
}

export function publicMembersQuery(slug: string) {
  return queryOptions({
    queryKey: ["public", "members", slug],
    queryFn: ({ signal }) => api<PublicMemberList>(`/api/public/networks/${encodeURIComponent(slug)}/members`, { signal }),
    retry: false,
  });
}

const HEX = /^#[0-9a-f]{6}$/i;
/** The network's theme colour (checked server-side to carry white text), or the app's default. */
export const networkColour = (colour: string | undefined) => (colour && HEX.test(colour) ? colour : "#1f4e79");
