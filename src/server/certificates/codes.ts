import { randomInt } from "node:crypto";
import { codeAlphabet, codePrefix } from "../../shared/certificates.ts";

/*
 * Verification codes: "MF-7K2Q-9XWD-H3TP". Twelve characters from a 32-letter alphabet without the look-alikes
 * 0/O and 1/I (so nobody has to guess which one they read), drawn with the operating system's random generator:
 * 32^12 = 2^60 possibilities, so a code cannot be guessed or enumerated. Groups of four read well over the phone.
 * Lookups accept small letters, missing dashes, spaces and a missing "MF" (normaliseCode in shared/certificates.ts).
 */

export function generateCode(): string {
  const parts: string[] = [];
  for (let g = 0; g < 3; g++) {
    let part = "";
    for (let i = 0; i < 4; i++) part += codeAlphabet[randomInt(codeAlphabet.length)];
    parts.push(part);
  }
  return [codePrefix, ...parts].join("-");
}
