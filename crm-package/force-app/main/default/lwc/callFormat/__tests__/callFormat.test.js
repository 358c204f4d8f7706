import {
    formatDuration,
    formatPercent,
    formatNumber,
    callOutcome,
    firstCallResolution,
    toHistoryRow,
    isoDate,
    daysBefore
} from 'c/callFormat';
import CALLS from '../../callHistory/__tests__/data/getCalls.json';

describe('c-call-format', () => {
    it.each([
        [null, ''],
        [undefined, ''],
        ['not a number', ''],
        [0, '0s'],
        [45, '45s'],
        [185, '3m 05s'],
        [3720, '1h 02m'],
        [-3, '0s']
    ])('formatDuration(%p) is %p', (seconds, expected) => {
        expect(formatDuration(seconds)).toBe(expected);
    });

    it.each([
        [null, ''],
        [0, '0.0%'],
        [0.3333, '33.3%'],
        [1, '100.0%']
    ])('formatPercent(%p) is %p', (rate, expected) => {
        expect(formatPercent(rate)).toBe(expected);
    });

    it.each([
        [null, 1, true, ''],
        [2.5, 1, true, '+2.5'],
        [-1, 1, true, '-1.0'],
        [0, 1, true, '0.0'],
        [1.234, 2, false, '1.23']
    ])('formatNumber(%p, %p, signed %p) is %p', (value, decimals, signed, expected) => {
        expect(formatNumber(value, decimals, signed)).toBe(expected);
    });

    it.each([
        [{}, 'Answered'],
        [{ Callwise_Disconnect_Reason__c: 'AGENT_DISCONNECT' }, 'Answered · agent disconnect'],
        [{ Callwise_Transferred__c: true }, 'Transferred'],
        [
            {
                Callwise_Abandoned__c: true,
                Callwise_Transferred__c: true,
                Callwise_Disconnect_Reason__c: 'CUSTOMER_DISCONNECT'
            },
            'Abandoned · customer disconnect'
        ]
    ])('callOutcome(%j) is %p', (call, expected) => {
        expect(callOutcome(call)).toBe(expected);
    });

    it.each([
        [{ Callwise_First_Call_Resolution__c: true }, 'Yes'],
        [{}, 'No'],
        [{ Callwise_Abandoned__c: true, Callwise_First_Call_Resolution__c: false }, '']
    ])('firstCallResolution(%j) is %p', (call, expected) => {
        expect(firstCallResolution(call)).toBe(expected);
    });

    it('maps a full call Task to a history row', () => {
        // Prepare
        const call = CALLS.calls[0];

        // Act
        const row = toHistoryRow(call);

        // Assess
        expect(row).toEqual({
            id: call.Id,
            callDate: '2026-11-26',
            direction: 'Inbound',
            intent: 'billing',
            valueTier: 'VIP',
            queue: 'Billing',
            outcome: 'Answered · agent disconnect',
            duration: '6m 12s',
            wait: '38s',
            sentiment: '+2.5',
            talkListen: '0.85',
            fcr: 'Yes',
            recordingUrl: call.Callwise_Recording_Url__c,
            summary: 'Customer disputed a late fee; fee waived, invoice re-sent.'
        });
    });

    it('shows the summary from the restricted Callwise field, never from the standard Description', () => {
        const row = toHistoryRow({ Id: '00T000000000002AAA', Description: 'Call summary: see the Callwise Call Summary field (restricted).' });

        expect(row.summary).toBe('');
    });

    it('maps a sparse call Task without inventing values', () => {
        const row = toHistoryRow({ Id: '00T000000000001AAA', ActivityDate: '2026-11-01' });

        expect(row).toMatchObject({ direction: '', intent: '', duration: '', sentiment: '', fcr: 'No', summary: '' });
        expect(row.recordingUrl).toBeUndefined();
    });

    it('isoDate and daysBefore work in local time, across month ends', () => {
        const date = new Date(2026, 2, 1, 9, 30);

        expect(isoDate(date)).toBe('2026-03-01');
        expect(isoDate(daysBefore(date, 1))).toBe('2026-02-28');
        expect(isoDate(daysBefore(date, 30))).toBe('2026-01-30');
        expect(isoDate(date)).toBe('2026-03-01');
    });
});
