import { useNavigate, useSearch } from "@tanstack/react-router";

/**
 * A list page's filters kept in the URL, so going back and sharing a link show the same list: `applied` read from
 * the search params, `apply` navigates to the page with new ones, and `key` changes with them (key the filter form
 * by it, so the form shows what the URL says). `search` is the raw search, for other parameters of the page.
 */
export function useUrlFilters<F>(to: "/jobs" | "/employers" | "/placements", fromSearch: (search: Record<string, unknown>) => F, toSearch: (f: F) => Record<string, string | undefined>) {
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const applied = fromSearch(search);
  return {
    search,
    applied,
    key: JSON.stringify(toSearch(applied)),
    apply: (f: F) => void navigate({ to, search: toSearch(f) }),
  };
}
