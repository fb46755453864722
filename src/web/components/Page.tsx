import { useEffect, useRef, type ReactNode } from "react";
import { Heading } from "@digdir/designsystemet-react";

/** Pages mounted so far; the first is the initial load, where focus stays at the top of the document. */
let pagesMounted = 0;

/** Focuses an element (a heading or a result message) when it appears. Give it tabIndex={-1}. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/**
 * A page: sets the document title and renders the page's single h1.
 * After client-side navigation, focus moves to the h1 so screen-reader users hear the new page.
 */
export function Page({ title, children, lead }: { title: string; children?: ReactNode; lead?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const counted = useRef(false);
  useEffect(() => {
    document.title = `${title} – Mangfold`;
  }, [title]);
  useEffect(() => {
    // A ref survives StrictMode's double effect, so each page counts once.
    if (counted.current) return;
    counted.current = true;
    pagesMounted += 1;
    if (pagesMounted > 1) ref.current?.focus();
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

/** Wraps a result message (success after a form, the next step of a flow) and moves focus to it when it appears. */
export function FocusTarget({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div ref={ref} tabIndex={-1} className={className}>
      {children}
    </div>
  );
}
