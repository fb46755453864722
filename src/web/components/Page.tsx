import { useEffect, useRef, type ReactNode } from "react";
import { Heading } from "@digdir/designsystemet-react";

let firstPage = true;

/**
 * A page: sets the document title and renders the page's single h1.
 * After client-side navigation, focus moves to the h1 so screen-reader users hear the new page.
 */
export function Page({ title, children, lead }: { title: string; children?: ReactNode; lead?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Mangfold`;
  }, [title]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <div className="page">
      <Heading level={1} data-size="lg" ref={ref} tabIndex={-1} id="page-heading" className="page-heading">
        {title}
      </Heading>
      {lead}
      {children}
    </div>
  );
}
