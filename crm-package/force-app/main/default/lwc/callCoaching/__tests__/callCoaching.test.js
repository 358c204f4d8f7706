import { createElement } from 'lwc';
import CallCoaching, { RANGE_DAYS } from 'c/callCoaching';
import getCoaching from '@salesforce/apex/CoachingController.getCoaching';

const VIEW = require('./data/getCoaching.json');

jest.mock(
    '@salesforce/apex/CoachingController.getCoaching',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

// A fixed "today" (local time) so the requested range is known.
const TODAY = new Date(2026, 10, 27, 10, 0, 0);

function mount() {
    const element = createElement('c-call-coaching', { is: CallCoaching });
    document.body.appendChild(element);
    return element;
}

const flushPromises = () => Promise.resolve().then(() => Promise.resolve());
const query = (element, selector) => element.shadowRoot.querySelector(selector);
const queryAll = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));

describe('c-call-coaching', () => {
    beforeEach(() => {
        jest.useFakeTimers({ now: TODAY });
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.useRealTimers();
        jest.clearAllMocks();
    });

    it('asks for the last twelve weeks and shows a spinner meanwhile', async () => {
        const element = mount();
        await flushPromises();

        expect(RANGE_DAYS).toBe(84);
        expect(getCoaching.getLastConfig()).toEqual({ fromDate: '2026-09-04', toDate: '2026-11-27' });
        expect(query(element, 'lightning-spinner')).not.toBeNull();
        expect(query(element, '[data-id="reps"]')).toBeNull();
    });

    it('shows the reps with example call links, the weakest step, outcomes of passed vs missed steps, and the weekly trend', async () => {
        const element = mount();
        getCoaching.emit(VIEW);
        await flushPromises();

        expect(query(element, 'lightning-spinner')).toBeNull();
        expect(query(element, '[data-id="weakest"]').textContent).toBe('Weakest step for the team: Greeting');
        const reps = query(element, '[data-id="reps"]');
        expect(reps.data.map((r) => [r.name, r.calls, r.bestUrl, r.worstUrl])).toEqual([
            ['Team', 3, '/lightning/r/Task/00T000000000001AAA/view', '/lightning/r/Task/00T000000000002AAA/view'],
            ['Dana Rep', 3, '/lightning/r/Task/00T000000000001AAA/view', '/lightning/r/Task/00T000000000002AAA/view']
        ]);
        const cells = queryAll(element, '[data-id="steps"] tbody tr').map((tr) => Array.from(tr.children).map((c) => c.textContent));
        expect(cells).toEqual([
            ['Greeting', '33%', '1 / 2', '100% vs 50%', '0% vs 0%', '5 vs 2'],
            ['Verification', '100%', '2 / 0', '50% vs —', '0% vs —', '3.5 vs —']
        ]);
        expect(queryAll(element, '[data-id="weeks"] li').map((li) => li.textContent)).toEqual(['Week of 2026-11-23: 66.7 (3 calls)']);
    });

    it('says so when no call in the range was scored', async () => {
        const element = mount();
        getCoaching.emit({ reps: [{ repId: null, name: 'Team', calls: 0, steps: [] }], weeks: [] });
        await flushPromises();

        expect(query(element, '[data-id="empty"]').textContent).toBe('No scored calls in the last twelve weeks.');
        expect(query(element, '[data-id="reps"]')).toBeNull();
    });

    it('shows the error from Apex instead of the view', async () => {
        const element = mount();
        getCoaching.error({ message: 'NO_ACCESS: You do not have access to the Callwise call fields. Ask your Salesforce admin for the Callwise Rep permission set.' });
        await flushPromises();

        expect(query(element, '[data-id="error"]').textContent).toBe('NO_ACCESS: You do not have access to the Callwise call fields. Ask your Salesforce admin for the Callwise Rep permission set.');
        expect(query(element, 'lightning-spinner')).toBeNull();
        expect(query(element, '[data-id="empty"]')).toBeNull();
    });

    it('labels its table for screen readers: a caption, column and row headers', async () => {
        const element = mount();
        getCoaching.emit(VIEW);
        await flushPromises();

        const table = query(element, '[data-id="steps"]');
        expect(table.getAttribute('aria-label')).toBe('Outcomes of calls that passed versus missed each step');
        expect(queryAll(element, '[data-id="steps"] th[scope="col"]')).toHaveLength(6);
        expect(queryAll(element, '[data-id="steps"] th[scope="row"]').map((th) => th.textContent)).toEqual(['Greeting', 'Verification']);
    });
});
