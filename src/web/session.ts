import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "./api.ts";

export const ROLES = ["admin", "advisor", "hr", "supervisor", "mentor", "employer", "candidate", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export type Me = {
  user: { id: string; name: string; email: string; locale: string | null; twoFactorEnabled: boolean; instanceAdmin: boolean };
  network: { id: string; name: string; slug: string; themeColor: string | null; municipality: string | null };
  role: Role;
  networks: { id: string; name: string; slug: string; role: Role }[];
};

export type SetupStatus = { needsSetup: boolean };

export const setupStatusQuery = queryOptions({
  queryKey: ["setup-status"],
  queryFn: ({ signal }) => api<SetupStatus>("/api/setup/status", { signal }),
  staleTime: Infinity,
  retry: 1,
});

export const meQuery = queryOptions({
  queryKey: ["me"],
  queryFn: ({ signal }) => api<Me>("/api/v1/me", { signal }),
  staleTime: 60_000,
  retry: false,
});

/** The signed-in user. Only use below the signed-in layout, which guarantees the data is loaded. */
export function useMe(): Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error("useMe() used outside the signed-in layout");
  return data;
}
