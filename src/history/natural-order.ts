/**
 * Orders `2_b` before `10_a`: migration versions are numbers, not strings.
 * Runs of digits compare by value, everything else by code unit. (Hand-written:
 * `Intl.Collator` costs ~10 ms of ICU start-up on every run.)
 */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      // Compare by value without overflow: past leading zeros (keeping a last digit), by length, then digit by digit.
      while (i < ei - 1 && a.charCodeAt(i) === 48) i++;
      while (j < ej - 1 && b.charCodeAt(j) === 48) j++;
      if (ei - i !== ej - j) return ei - i - (ej - j);
      for (; i < ei; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d < 0 ? -1 : 1;
      }
      j = ej;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
