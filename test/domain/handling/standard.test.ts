import defaultStandard from '../../../config/default-handling-standard.json';
import { STEP_KEYS, validateStandard } from '../../../functions/src/domain/handling/standard';

const clone = () => JSON.parse(JSON.stringify(defaultStandard));
const errorsOf = (input: unknown) => {
  const result = validateStandard(input);
  return result.ok ? [] : result.errors;
};

describe('handling standard schema', () => {
  it('accepts the shipped default, with a sales and a catch-all support variant covering every step', () => {
    const result = validateStandard(defaultStandard);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.standard.variants.map((v) => v.name)).toEqual(['sales', 'support']);
    for (const variant of result.standard.variants) expect(variant.steps.map((s) => s.key).sort()).toEqual([...STEP_KEYS].sort());
  });

  it.each([
    [
      'a pattern that is not a regular expression',
      (s: any) => (s.variants[1].steps[0].detection.allOf[0] = { patterns: ['(unclosed'] }),
      'variants.1.steps.0.detection.allOf.0.patterns.0: not a valid regular expression',
    ],
    ['a step listed twice', (s: any) => s.variants[1].steps.push(s.variants[1].steps[0]), 'variants.1.steps.6.key: duplicate step "greeting"'],
    ['a weight over 100', (s: any) => (s.variants[0].steps[2].weight = 150), 'variants.0.steps.2.weight'],
    [
      'a last variant with conditions',
      (s: any) => (s.variants[1].appliesTo = { intents: ['support'] }),
      'variants.1.appliesTo: the last variant is the catch-all: leave its appliesTo empty',
    ],
    [
      'afterStep naming a later step',
      (s: any) => (s.variants[1].steps[0].detection.afterStep = 'summary'),
      'variants.1.steps.0.detection.afterStep: "summary" must be an earlier step of this variant',
    ],
    [
      'a window with both ends',
      (s: any) => (s.variants[1].steps[0].detection.window = { firstSeconds: 10, lastSeconds: 10 }),
      'variants.1.steps.0.detection.window: give firstSeconds or lastSeconds, not both',
    ],
    ['an unknown step key', (s: any) => (s.variants[1].steps[0].key = 'smalltalk'), 'variants.1.steps.0.key'],
    [
      'a talk-to-listen range upside down',
      (s: any) => (s.variants[1].behaviours.talkListenRatio.min = 3),
      'variants.1.behaviours.talkListenRatio: min is above max',
    ],
  ])('rejects %s, naming the path', (_name, mutate, expected) => {
    const input = clone();
    mutate(input);
    expect(errorsOf(input).some((e) => e.startsWith(expected))).toBe(true);
  });

  it('rejects a matcher with nothing to match', () => {
    const input = clone();
    input.variants[1].steps[3].detection.allOf = [{}];
    expect(errorsOf(input)).toContain('variants.1.steps.3.detection.allOf.0: give at least one phrase, pattern or Contact Lens detection');
  });
});
