import type { Random } from '../synthetic/mulberry32';

/**
 * Phone numbers as real orgs hold them: US numbers in the fictional 555-01xx range written many ways,
 * extensions, and international numbers from ranges reserved for drama (UK, Germany, Australia).
 */

const US_AREA_CODES = [
  '202',
  '212',
  '312',
  '415',
  '617',
  '646',
  '702',
  '206',
  '303',
  '512',
  '713',
  '305',
  '404',
  '503',
  '619',
  '214',
  '267',
  '480',
  '602',
  '615',
  '704',
  '720',
  '816',
  '919',
  '971',
  '313',
  '414',
  '512',
  '651',
  '678',
  '347',
  '323',
  '408',
  '510',
  '858',
  '571',
];
/** Never used by the demo org: the source of numbers nobody in it holds. */
const UNKNOWN_AREA_CODES = ['808', '907', '505', '207', '802', '406'];

export interface PhoneNumber {
  /** digits after the country code */
  national: string;
  country: 'US' | 'GB' | 'DE' | 'AU';
}

/** A pool of distinct numbers, shuffled for the seed, handed out one by one. */
export class PhonePool {
  private readonly numbers: PhoneNumber[];
  private next = 0;

  constructor(private readonly random: Random) {
    const us = [...new Set(US_AREA_CODES)].flatMap((area) =>
      Array.from({ length: 100 }, (_, i) => ({ national: `${area}55501${String(i).padStart(2, '0')}`, country: 'US' as const })),
    );
    const gb = Array.from({ length: 200 }, (_, i) => ({ national: `2079460${String(i).padStart(3, '0')}`, country: 'GB' as const }));
    const de = Array.from({ length: 200 }, (_, i) => ({ national: `30901820${String(i).padStart(2, '0')}`, country: 'DE' as const }));
    const au = Array.from({ length: 100 }, (_, i) => ({ national: `4915701${String(i).padStart(2, '0')}`, country: 'AU' as const }));
    // Mostly US numbers, a tenth international.
    const international = [...gb, ...de, ...au].filter(() => random.chance(0.35));
    this.numbers = shuffle([...us, ...international], random);
  }

  take(): PhoneNumber {
    const number = this.numbers[this.next++];
    if (!number) throw new RangeError('the demo phone pool is exhausted');
    return number;
  }
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Writes a number the way a person typed it into Salesforce. */
export function formatPhone(number: PhoneNumber, random: Random): string {
  const n = number.national;
  if (number.country === 'GB')
    return random.pick([`+44 ${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}`, `+44 (0)${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}`, `+44${n}`]);
  if (number.country === 'DE') return random.pick([`+49 ${n.slice(0, 2)} ${n.slice(2)}`, `+49 (0)${n.slice(0, 2)} ${n.slice(2, 6)}-${n.slice(6)}`]);
  if (number.country === 'AU') return random.pick([`+61 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, `+61${n}`]);
  const [a, b, c] = [n.slice(0, 3), n.slice(3, 6), n.slice(6)];
  if (random.chance(0.07)) {
    const ext = String(random.int(2, 4999));
    return random.pick([`${a}-${b}-${c} ext. ${ext}`, `(${a}) ${b}-${c} x${ext}`, `+1 ${a} ${b} ${c} ext ${ext}`]);
  }
  return random.pick([
    `(${a}) ${b}-${c}`,
    `(${a}) ${b}-${c}`,
    `(${a}) ${b}-${c}`,
    `+1 ${a} ${b} ${c}`,
    `${a}.${b}.${c}`,
    `${a}-${b}-${c}`,
    `+1${a}${b}${c}`,
    `1-${a}-${b}-${c}`,
    `${a}${b}${c}`,
  ]);
}

/** The same number written again by someone else: US numbers in another format, others unchanged. */
export function rewritePhone(value: string, random: Random): string {
  const digits = value.replace(/\s*(?:x|ext\.?)\s*\d+\s*$/i, '').replace(/\D/g, '');
  const us = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits.length === 10 && !value.trim().startsWith('+') ? digits : undefined;
  return us ? formatPhone({ national: us, country: 'US' }, random) : value;
}

/** E.164 numbers that no record of any demo org holds. */
export function demoUnknownNumbers(count: number): string[] {
  const all = UNKNOWN_AREA_CODES.flatMap((area) => Array.from({ length: 100 }, (_, i) => `+1${area}55501${String(i).padStart(2, '0')}`));
  if (count > all.length) throw new RangeError(`at most ${all.length} unknown numbers are available`);
  return all.slice(0, Math.max(0, count));
}
