import { loadCases } from '../../bench/handling/cases';

/** The labelled set the handling benchmark measures against: its size and the tricky cases the issue names. */
describe('labelled handling set', () => {
  const cases = loadCases();

  it('holds at least 60 labelled calls, each with its expected outcomes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const c of cases) expect(c.expected.status === 'scored' ? Object.keys((c.expected as { items: object }).items).length : 1).toBeGreaterThan(0);
  });

  it.each([
    ["a greeting without the rep's name", 's02', { greeting: 'missed' }],
    ['verification asked after account details were discussed', 's03', { verification: 'missed' }],
    ['"anything else?" without a summary', 's04', { summary: 'missed' }],
    ['interruptions in a long answer', 's05', { interruptions: 'missed' }],
  ])('includes %s', (_name, id, items) => {
    expect(cases.find((c) => c.id === id)!.expected).toMatchObject({ status: 'scored', items });
  });

  it('turns each call into a Contact Lens file of the documented shape', () => {
    const s05 = cases.find((c) => c.id === 's05')!.analysis as any;
    expect(s05.Participants).toEqual([
      { ParticipantId: 'CUSTOMER', ParticipantRole: 'CUSTOMER' },
      { ParticipantId: 'AGENT', ParticipantRole: 'AGENT' },
    ]);
    expect(s05.Transcript[5]).toMatchObject({ ParticipantId: 'CUSTOMER', BeginOffsetMillis: 19_000, EndOffsetMillis: 48_000 });
  });
});
