/*
 * Norwegian organisation numbers (organisasjonsnummer): nine digits, the last a modulus-11 check digit over the
 * first eight with the weights 3 2 7 6 5 4 3 2. A remainder of 0 gives check digit 0; a remainder of 1 would need
 * check digit 10, so such numbers are never issued.
 */
const weights = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** The check digit for the first eight digits, or null when no valid number starts with them. */
export function orgNumberCheckDigit(firstEight: string): number | null {
  if (!/^\d{8}$/.test(firstEight)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(firstEight[i]) * weights[i]!;
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return null;
  return 11 - remainder;
}

/** Digits only: "921 234 567" and "NO921234567MVA" both give "921234567". */
export function normaliseOrgNumber(input: string): string {
  return input.replace(/^\s*NO/i, "").replace(/MVA\s*$/i, "").replace(/[\s.-]/g, "");
}

export type OrgNumberProblem = "not_nine_digits" | "wrong_check_digit";

/** Why a (normalised) organisation number is not valid, or null when it is. */
export function orgNumberProblem(digits: string): OrgNumberProblem | null {
  if (!/^\d{9}$/.test(digits)) return "not_nine_digits";
  const check = orgNumberCheckDigit(digits.slice(0, 8));
  return check !== null && check === Number(digits[8]) ? null : "wrong_check_digit";
}

export const isValidOrgNumber = (input: string): boolean => orgNumberProblem(normaliseOrgNumber(input)) === null;

/** "921234567" → "921 234 567", as the register and letters write it. */
export const formatOrgNumber = (digits: string): string =>
  /^\d{9}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
