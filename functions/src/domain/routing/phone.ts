import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/** Longer input is not a phone number; refusing it early keeps parsing cheap. */
const MAX_INPUT_LENGTH = 64;

/** What carriers and Connect send instead of a number when the caller hides it. */
const ANONYMOUS_WORDS = new Set([
  'anonymous',
  'restricted',
  'unavailable',
  'notavailable',
  'withheld',
  'numberwithheld',
  'private',
  'privatenumber',
  'blocked',
  'unknown',
]);
/** "ANONYMOUS" on a keypad: Connect's address for callers who withhold their number. */
const ANONYMOUS_DIGITS = '266696687';

/**
 * Normalises a phone number to E.164 (+14155550123), dropping any extension; null when the input is
 * not a valid phone number. Numbers without a country code are read in `defaultCountry` (ISO 3166).
 * The one normaliser used for caller numbers, dialled numbers and Salesforce phone fields. Never throws.
 */
export function toE164(raw: string, defaultCountry: string): string | null {
  if (typeof raw !== 'string') return null;
  const input = raw.trim().replace(/^tel:/i, '');
  if (input.length === 0 || input.length > MAX_INPUT_LENGTH || !/\d/.test(input)) return null;
  try {
    const country = isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
    const phone = parsePhoneNumberFromString(input, country ? { defaultCountry: country, extract: false } : { extract: false });
    return phone?.isValid() ? phone.number : null;
  } catch {
    return null;
  }
}

/** True for the placeholders that mean "the caller withheld the number" (Anonymous, Restricted, +266696687…). */
export function isAnonymousNumber(raw: string): boolean {
  const text = raw.trim().toLowerCase();
  if (ANONYMOUS_WORDS.has(text.replace(/[^a-z]/g, '')) && !/\d/.test(text)) return true;
  return text.replace(/[^\d]/g, '') === ANONYMOUS_DIGITS && /^\+?[\d\s-]+$/.test(text);
}
