/** Checks text before it goes into an HTTP header, where fetch would reject it as a TypeError. */

/** True for a non-empty value of visible ASCII and inner spaces: no CR/LF, no non-Latin text. */
export function isHeaderSafe(value: string): boolean {
  return /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value);
}
