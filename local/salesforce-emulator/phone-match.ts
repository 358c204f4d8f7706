/**
 * Phone matching as the emulator assumes Salesforce's phone search tokenises numbers (an assumption: see
 * README, "Search"): a stored number is indexed as its whole digit string (formatting and any extension removed)
 * and as each run of digits in it; a search term matches a number when its digits equal one of those tokens.
 * No suffix matching: "4155550100" does not find "+1 415 555 0100" (digits 14155550100).
 */

/** The digits of a phone value, without any extension (x12, ext 12, ext. 12). */
export function phoneDigits(value: string): string {
  return withoutExtension(value).replace(/\D/g, '');
}

function withoutExtension(value: string): string {
  return value.replace(/\s*(?:x|ext\.?|extension)\s*\d+\s*$/i, '');
}

/** The tokens a stored phone value is found by: its whole digit string, and each run of digits. */
export function phoneTokens(value: string): string[] {
  const whole = phoneDigits(value);
  const runs = withoutExtension(value).match(/\d+/g) ?? [];
  return [...new Set([whole, ...runs].filter((t) => t.length >= 2))];
}

export function phonesMatch(stored: string, term: string): boolean {
  const digits = phoneDigits(term);
  return digits.length > 0 && phoneTokens(stored).includes(digits);
}

const PHONE_FIELDS: Record<string, readonly string[]> = {
  Contact: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'],
  Lead: ['Phone', 'MobilePhone'],
  Account: ['Phone'],
};
const PERSON_ACCOUNT_PHONES = ['PersonMobilePhone', 'PersonHomePhone', 'PersonOtherPhone'];

/** The phone fields searched for one row (person accounts add their personal numbers). */
export function phoneFieldsOf(sobject: string, row: Record<string, unknown>): readonly string[] {
  const base = PHONE_FIELDS[sobject] ?? Object.keys(row).filter((k) => /phone/i.test(k));
  return sobject === 'Account' && row.IsPersonAccount === true ? [...base, ...PERSON_ACCOUNT_PHONES] : base;
}

export function rowMatchesPhone(sobject: string, row: Record<string, unknown>, term: string): boolean {
  return phoneFieldsOf(sobject, row).some((f) => typeof row[f] === 'string' && phonesMatch(row[f] as string, term));
}
