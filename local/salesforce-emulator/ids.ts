/** Salesforce-style record ids: 15 significant characters plus the 3-character case-safe suffix. */

export const KEY_PREFIXES: Readonly<Record<string, string>> = {
  Account: '001',
  Contact: '003',
  User: '005',
  Opportunity: '006',
  Lead: '00Q',
  Task: '00T',
  Event: '00U',
  Case: '500',
};

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The real 15→18 checksum: one character per 5-character chunk, encoding which characters are upper case. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

export function recordId(prefix: string, sequence: number): string {
  const id15 = `${prefix}Dm${String(sequence).padStart(10, '0')}`;
  return id15 + caseSafeSuffix(id15);
}

/** Demo users: 18-character ids 005Dm0000000001AAA … 005Dm0000000020AAA, as the default policy maps them to agents. */
export function demoUserId(n: number): string {
  return `005Dm0000000${String(n).padStart(3, '0')}AAA`;
}

/** Key prefixes for objects without a standard one: custom objects a0…, custom metadata m0…, in order of first use. */
export class KeyPrefixes {
  private readonly assigned = new Map<string, string>(Object.entries(KEY_PREFIXES));
  private custom = 0;

  prefixOf(sobject: string): string {
    const known = this.assigned.get(sobject);
    if (known) return known;
    const prefix = `${sobject.endsWith('__mdt') ? 'm' : 'a'}${(this.custom++).toString(36).toUpperCase().padStart(2, '0')}`;
    this.assigned.set(sobject, prefix);
    return prefix;
  }

  sobjectOf(id: string): string | undefined {
    const prefix = id.slice(0, 3);
    for (const [sobject, p] of this.assigned) if (p === prefix) return sobject;
    return undefined;
  }
}
