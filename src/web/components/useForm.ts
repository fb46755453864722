import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFieldErrors, type FieldErrors } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { summaryFrom, type FormError } from "./FormErrors.tsx";

/**
 * Error state of one form: field errors (client-side or from the API's `errors[]`), a general message,
 * and an attempt counter that re-creates the error summary (so it takes focus) on every failed submit.
 */
export function useForm(ids: Record<string, string>) {
  const { t } = useTranslation();
  const fields = useFieldErrors();
  const [general, setGeneral] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  // Buttons stay enabled while busy (disabling the focused button would drop keyboard focus), so guard here.
  const running = useRef(false);

  const fail = useCallback(
    (fieldErrors: FieldErrors, message?: string | null) => {
      fields.setErrors(fieldErrors);
      setGeneral(message ?? null);
      setAttempt((n) => n + 1);
    },
    [fields],
  );

  /** Shows an API error: field errors when it has them, a general message otherwise. */
  const failWith = useCallback(
    (e: unknown, message?: string) => {
      const hasFields = fields.fromError(e);
      setGeneral(hasFields ? null : (message ?? errorMessage(t, e)));
      setAttempt((n) => n + 1);
    },
    [fields, t],
  );

  const reset = useCallback(() => {
    fields.clear();
    setGeneral(null);
  }, [fields]);

  /** Runs a submit handler with busy state; errors it throws are shown with failWith. */
  const run = useCallback(
    async (fn: () => Promise<void>) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      reset();
      try {
        await fn();
      } catch (e) {
        failWith(e);
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [reset, failWith],
  );

  const summary: FormError[] = summaryFrom(fields.errors, ids, general);
  return { errors: fields.errors, general, attempt, busy, fail, failWith, reset, run, summary };
}

export function validEmail(value: string) {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
