import "@digdir/designsystemet-css";
import "@digdir/designsystemet-css/theme";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { initI18n } from "./i18n/index.ts";
import { createAppRouter } from "./router.tsx";
import { isApiError } from "./api.ts";

initI18n();

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const router = createAppRouter(queryClient);

const PUBLIC = ["/sign-in", "/setup", "/invite/", "/forgot-password", "/reset-password", "/two-factor/"];

// A 401 from any query on a signed-in page means the session ended: go to sign-in.
queryClient.getQueryCache().subscribe((event) => {
  if (event.type !== "updated" || event.action.type !== "error") return;
  const error = event.action.error;
  if (isApiError(error) && error.status === 401 && !PUBLIC.some((p) => router.state.location.pathname.startsWith(p))) {
    queryClient.removeQueries({ queryKey: ["me"] });
    void router.navigate({ to: "/sign-in" });
  }
});

const container = document.getElementById("root");
if (!container) throw new Error("#root missing");
createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
