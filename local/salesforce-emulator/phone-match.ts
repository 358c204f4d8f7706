/** Phone matching as Salesforce's phone search does it: digits only, extensions ignored, suffix match. */

/** The digits of a phone value, without any extension (x12, ext 12, ext. 12). */
export function phoneDigits(value: string): string {
  const withoutExtension = value.replace(/\s*(?:x|ext\.?|extension)\s*\d+\s*$/i, '');
  return withoutExtension.replace(/\D/g, '');
}

export function phonesMatch(stored: string, term: string): boolean {
  const a = phoneDigits(stored);
  const b = phoneDigits(term);
  if (a.length === 0 || b.length === 0) return false;
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= 10 && longer.endsWith(shorter);
}

const PHONE_FIELDS: Record<string, readonly string[]> = {
  Contact: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'],
  Lead: ['Phone', 'MobilePhone'],
  Account: ['Phone'],
};
const PERSON_ACCOUNT_PHONES = ['PersonMobilePhone', 'PersonHomePhone', 'PersonOtherPhone'];

/** The phone fields searched for one row (person accounts add their personal numbers). */
export function phoneFieldsOf(sobject: string, row: Record<string, unknown>): readonly string[] {
  const base = PHONE_FIELDS[sobject] ?? (Object.keys(row).filter((k) => /phone/i.test(k)));
  return sobject === 'Account' && row.IsPersonAccount === true ? [...base, ...PERSON_ACCOUNT_PHONES] : base;
}

/** The key under which equal-or-suffix matches meet: the last 10 digits, or all digits when fewer. */
export function phoneKey(value: string): string {
  const digits = phoneDigits(value);
  return digits.length >= 10 ? digits.slice(-10) : digits;
}

export function rowMatchesPhone(sobject: string, row: Record<string, unknown>, term: string): boolean {
  return phoneFieldsOf(sobject, row).some((f) => typeof row[f] === 'string' && phonesMatch(row[f] as string, term));
}
