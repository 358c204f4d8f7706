import { isAnonymousNumber, toE164 } from '../../../functions/src/domain/routing/phone';

describe('toE164', () => {
  it.each([
    ['+14155550123', 'US', '+14155550123'],
    ['(415) 555-0123', 'US', '+14155550123'],
    ['415.555.0123', 'US', '+14155550123'],
    ['415 555 0123', 'US', '+14155550123'],
    ['1-415-555-0123', 'US', '+14155550123'],
    ['+1 (415) 555-0123', 'GB', '+14155550123'],
    ['  +1 415 555 0123  ', 'US', '+14155550123'],
    ['tel:+1-415-555-0123', 'US', '+14155550123'],
    ['(415) 555-0123 x12', 'US', '+14155550123'],
    ['+1 415 555 0123 ext. 4567', 'US', '+14155550123'],
    ['415-555-0123 extension 9', 'US', '+14155550123'],
    ['+14155550123;ext=7', 'US', '+14155550123'],
    ['1 800 555 0100', 'US', '+18005550100'],
    ['+44 20 7946 0958', 'US', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['00442079460958', 'GB', '+442079460958'],
    ['011 44 20 7946 0958', 'US', '+442079460958'],
    ['+33 1 23 45 67 89', 'US', '+33123456789'],
    ['01 23 45 67 89', 'FR', '+33123456789'],
    ['+49 30 901820', 'US', '+4930901820'],
    ['+61 2 9374 4000', 'US', '+61293744000'],
    ['+81 3-3224-9999', 'US', '+81332249999'],
  ])('%j in %s → %s', (raw, country, expected) => {
    expect(toE164(raw, country)).toBe(expected);
  });

  it.each([
    ['', 'US'],
    ['   ', 'US'],
    ['abc@example.com', 'US'],
    ['Anonymous', 'US'],
    ['+266696687', 'US'],
    ['555-0123', 'US'],
    ['12', 'US'],
    ['020 7946 0958', 'US'],
    ['+1 415 555 0123'.repeat(10), 'US'],
    ['415 555 0123', 'ZZ'],
    ['415 555 0123', ''],
  ])('%j in %j → null', (raw, country) => {
    expect(toE164(raw, country)).toBeNull();
  });

  it('never throws on values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, []]) expect(toE164(value as unknown as string, 'US')).toBeNull();
  });
});

describe('isAnonymousNumber', () => {
  it.each([
    'Anonymous',
    'ANONYMOUS',
    'anonymous',
    '+266696687',
    '266696687',
    'Restricted',
    'Unavailable',
    'withheld',
    'Number withheld',
    'Private',
    'Private Number',
    'unknown',
  ])('%j is withheld', (raw) => expect(isAnonymousNumber(raw)).toBe(true));
  it.each(['+14155550123', '', 'sales@example.com', '+2666966870'])('%j is not', (raw) => expect(isAnonymousNumber(raw)).toBe(false));
});
