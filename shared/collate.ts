// Spanish alphabetical order for every list a person reads (registry, door, kiosk, Acta,
// exports): Ñ after N, accents and case ignored for order (Huamán beside Huaman). The order
// of names is Spanish whatever the interface language: Quechua names are filed in Spanish
// documents. Written out instead of Intl.Collator('es') so that the signed Acta, rebuilt by a
// verifier on another machine with another ICU, lists people in exactly the same order.

/** The sort key: upper case, accents off, Ñ as a letter of its own between N and O. */
export function spanishKey(s: string): string {
  return s
    .normalize('NFC')
    .toUpperCase()
    .replace(/Ñ/g, 'N\u007f') // after every N + letter, before O
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Spanish order; ties (the same letters) fall back to code points, so the order is total. */
export function compareEs(a: string, b: string): number {
  return byText(spanishKey(a), spanishKey(b)) || byText(a, b);
}

/** People as lists print them: surnames, then given names. */
export function comparePeople(
  a: { surnames: string; givenNames: string },
  b: { surnames: string; givenNames: string },
): number {
  return compareEs(a.surnames, b.surnames) || compareEs(a.givenNames, b.givenNames);
}
