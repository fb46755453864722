/*
 * The mentors' confidentiality declaration (taushetserklæring), versioned. A signature keeps the version it was
 * given under. Change the text by adding a version and pointing `currentDeclarationVersion` at it; never edit a
 * version that has been signed. Every mentor must then sign the new version before mentees are shown again.
 */

type Text = { nb: string; en: string };

export const declarationTexts: Record<string, Text> = {
  "mentor-declaration-v1": {
    nb: "Som frivillig mentor får jeg vite opplysninger om personer som søker arbeid. Jeg lover å bevare taushet om alt jeg får vite om mentees og deres forhold, også etter at mentorperioden er slutt. Jeg bruker opplysningene bare til å støtte mentee i mentorperioden, deler dem ikke med andre, tar ikke kopier og lagrer dem ikke utenfor Mangfold. Jeg melder fra til koordinatoren hvis jeg tror opplysninger er kommet på avveie.",
    en: "As a volunteer mentor I learn about people who are looking for work. I promise to keep confidential everything I learn about mentees and their circumstances, also after the mentoring period has ended. I use the information only to support the mentee during the mentoring period, do not share it with others, do not make copies and do not store it outside Mangfold. I tell the coordinator if I believe information has gone astray.",
  },
};

export const currentDeclarationVersion = "mentor-declaration-v1";

export function currentDeclaration() {
  return { version: currentDeclarationVersion, ...declarationTexts[currentDeclarationVersion]! };
}
