import { ErrorSummary } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";

export type FormError = { message: string; /** id of the input the error belongs to */ field?: string };

/**
 * Error summary shown above a form after a failed submit. It takes focus when it appears
 * (the ds-error-summary element focuses itself); pass a new `attempt` on every failed submit so it is
 * re-created and takes focus again.
 */
export function FormErrors({ errors, attempt, heading }: { errors: FormError[]; attempt: number; heading?: string }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <ErrorSummary key={attempt} className="form-errors">
      <ErrorSummary.Heading>{heading ?? t("form.errorHeading")}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {errors.map((e, i) => (
          <ErrorSummary.Item key={`${e.field ?? "general"}-${i}`}>
            {e.field ? (
              <ErrorSummary.Link
                href={`#${e.field}`}
                onClick={(event) => {
                  const el = document.getElementById(e.field!);
                  if (el) {
                    event.preventDefault();
                    el.focus();
                    el.scrollIntoView({ block: "center" });
                  }
                }}
              >
                {e.message}
              </ErrorSummary.Link>
            ) : (
              e.message
            )}
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/** Turns a map of field name → message into summary entries; `ids` maps field names to input ids. */
export function summaryFrom(errors: Record<string, string>, ids: Record<string, string>, general?: string | null): FormError[] {
  const list: FormError[] = [];
  if (general) list.push({ message: general });
  for (const [name, message] of Object.entries(errors)) {
    const field = ids[name];
    list.push(field ? { message, field } : { message });
  }
  return list;
}
