import { Outlet } from "@tanstack/react-router";
import { InsideMain } from "../../components/Layout.tsx";

/** A bare layout for pages other sites frame (the member list): just the main landmark, no app header. */
export function EmbedLayout() {
  return (
    <main id="main" tabIndex={-1} className="embed-main">
      <InsideMain.Provider value={true}>
        <Outlet />
      </InsideMain.Provider>
    </main>
  );
}
