import { createElement } from 'lwc';
import CallInsights, { DEFAULT_RANGE_DAYS } from 'c/callInsights';
import getInsights from '@salesforce/apex/CallInsightsController.getInsights';

const BY_QUEUE = require('./data/getInsights.json');
const BY_REP = require('./data/getInsightsByRep.json');

jest.mock(
    '@salesforce/apex/CallInsightsController.getInsights',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

// A fixed "today" (local time) so the default range is known.
const TODAY = new Date(2026, 10, 27, 10, 0, 0);

function mount() {
    const element = createElement('c-call-insights', { is: CallInsights });
    document.body.appendChild(element);
    return element;
}

const flushPromises = () => Promise.resolve().then(() => Promise.resolve());
const query = (element, selector) => element.shadowRoot.querySelector(selector);
const queryAll = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));

function change(element, dataId, value) {
    const input = query(element, `[data-id="${dataId}"]`);
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function mountWithData(data = BY_QUEUE) {
    const element = mount();
    getInsights.emit(data);
    await flushPromises();
    return element;
}

describe('c-call-insights', () => {
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

    it('asks for the last 30 days by queue and shows a spinner meanwhile', async () => {
        const element = mount();
        await flushPromises();

        expect(DEFAULT_RANGE_DAYS).toBe(30);
        expect(getInsights.getLastConfig()).toEqual({ fromDate: '2026-10-28', toDate: '2026-11-27', groupBy: 'queue' });
        expect(query(element, '[data-id="from"]').value).toBe('2026-10-28');
        expect(query(element, '[data-id="to"]').value).toBe('2026-11-27');
        expect(query(element, 'lightning-spinner')).not.toBeNull();
        expect(query(element, 'lightning-datatable')).toBeNull();
    });

    it('shows a table of the six metrics per group', async () => {
        const element = await mountWithData();

        expect(query(element, 'lightning-spinner')).toBeNull();
        const table = query(element, 'lightning-datatable');
        expect(table.columns.map((column) => column.label)).toEqual([
            'Queue',
            'Calls',
            'AHT',
            'FCR',
            'Abandonment',
            'CSAT',
            'Conversion',
            'Talk-to-listen'
        ]);
        expect(table.columns.filter((column) => column.type === 'percent').map((column) => column.fieldName)).toEqual([
            'fcrRate',
            'abandonmentRate',
            'conversionRate'
        ]);
        expect(table.data.map((row) => row.label)).toEqual(['Sales', 'Support', 'Not set']);
        expect(table.data[0]).toMatchObject({ key: 'Sales', calls: 240, aht: '6m 53s', fcrRate: 0.7824 });
        expect(table.data[2]).toMatchObject({ key: 'not-set', aht: '' });
        expect(query(element, '[data-id="total"]').textContent).toContain('426 calls from 2026-10-28 to 2026-11-27');
    });

    it('draws one bar chart per metric', async () => {
        const element = await mountWithData();

        const charts = queryAll(element, 'c-call-insights-chart');
        expect(charts.map((chart) => chart.title)).toEqual([
            'Average handle time',
            'First-call resolution',
            'Abandonment',
            'CSAT (1 to 5)',
            'Conversion',
            'Talk-to-listen'
        ]);
        const abandonment = charts[2];
        expect(abandonment.scale).toBe(1);
        expect(abandonment.bars.map((bar) => [bar.label, bar.value, bar.display])).toEqual([
            ['Sales', 0.1, '10.0%'],
            ['Support', 0.05, '5.0%'],
            ['Not set', 1, '100.0%']
        ]);
        expect(charts[0].bars[2]).toMatchObject({ value: null, display: '' });
    });

    it('charts the eight busiest groups but lists all of them', async () => {
        const element = await mountWithData(BY_REP);

        expect(query(element, 'lightning-datatable').data).toHaveLength(10);
        queryAll(element, 'c-call-insights-chart').forEach((chart) => {
            expect(chart.bars.map((bar) => bar.label)).toEqual(BY_REP.slice(0, 8).map((rep) => rep.label));
        });
    });

    it('says so when no call was logged in the range', async () => {
        const element = await mountWithData([]);

        expect(query(element, '[data-id="empty"]').textContent).toContain('No calls were logged in this date range.');
        expect(query(element, 'lightning-datatable')).toBeNull();
        expect(queryAll(element, 'c-call-insights-chart')).toHaveLength(0);
    });

    it('shows the error message from Apex', async () => {
        const element = mount();

        getInsights.error({ message: 'INVALID_REQUEST: Group calls by queue, intent or rep.' });
        await flushPromises();

        expect(query(element, '[data-id="error"]').textContent).toBe(
            'INVALID_REQUEST: Group calls by queue, intent or rep.'
        );
        expect(query(element, 'lightning-spinner')).toBeNull();
        expect(query(element, '[data-id="empty"]')).toBeNull();
    });

    it.each([
        ['from', '2026-11-01', { fromDate: '2026-11-01', toDate: '2026-11-27' }],
        ['to', '2026-11-15', { fromDate: '2026-10-28', toDate: '2026-11-15' }]
    ])('reloads when the %s date changes', async (dataId, value, expected) => {
        const element = await mountWithData();

        change(element, dataId, value);
        await flushPromises();

        expect(getInsights.getLastConfig()).toEqual({ ...expected, groupBy: 'queue' });
        expect(query(element, 'lightning-spinner')).not.toBeNull();
        expect(query(element, '[data-id="range-error"]')).toBeNull();
    });

    it.each([
        ['an inverted range', 'from', '2026-11-28', 'The start date must be on or before the end date.'],
        ['a range longer than a year', 'from', '2025-11-01', 'Choose a date range of at most 366 days.'],
        ['a cleared date', 'to', '', 'Choose both a start date and an end date.']
    ])('does not query %s and says why', async (_name, dataId, value, message) => {
        const element = await mountWithData();

        change(element, dataId, value);
        await flushPromises();

        expect(query(element, '[data-id="range-error"]').textContent).toBe(message);
        expect(getInsights.getLastConfig()).toEqual({ fromDate: '2026-10-28', toDate: '2026-11-27', groupBy: 'queue' });
        expect(query(element, 'lightning-datatable')).not.toBeNull();
    });

    it('clears the range error once the range is valid again', async () => {
        const element = await mountWithData();
        change(element, 'from', '2026-12-01');
        await flushPromises();

        change(element, 'from', '2026-11-20');
        await flushPromises();

        expect(query(element, '[data-id="range-error"]')).toBeNull();
        expect(getInsights.getLastConfig().fromDate).toBe('2026-11-20');
    });

    it('regroups by rep and names the group column after the grouping', async () => {
        const element = await mountWithData();

        change(element, 'group-by', 'rep');
        await flushPromises();
        expect(getInsights.getLastConfig()).toEqual({ fromDate: '2026-10-28', toDate: '2026-11-27', groupBy: 'rep' });
        expect(query(element, 'lightning-spinner')).not.toBeNull();

        getInsights.emit(BY_REP);
        await flushPromises();
        const table = query(element, 'lightning-datatable');
        expect(table.columns[0].label).toBe('Rep');
        expect(table.getAttribute('aria-label')).toBe('Call metrics by rep, 2026-10-28 to 2026-11-27');
    });

    describe('accessibility', () => {
        it('labels every input and the grouping choices', async () => {
            const element = await mountWithData();

            const inputs = queryAll(element, 'lightning-input, lightning-combobox');
            expect(inputs).toHaveLength(3);
            inputs.forEach((input) => expect(input.label).toBeTruthy());
            expect(inputs.map((input) => input.label)).toEqual(['From', 'To', 'Group by']);
            expect(query(element, '[data-id="group-by"]').options.map((option) => option.label)).toEqual([
                'Queue',
                'Intent',
                'Rep'
            ]);
            expect(query(element, '[role="group"]').getAttribute('aria-label')).toBe('Date range and grouping');
        });

        it('names the table, the spinner and each chart', async () => {
            const element = mount();
            expect(query(element, 'lightning-spinner').alternativeText).toBe('Loading call metrics');

            getInsights.emit(BY_QUEUE);
            await flushPromises();

            expect(query(element, 'lightning-datatable').getAttribute('aria-label')).toBe(
                'Call metrics by queue, 2026-10-28 to 2026-11-27'
            );
            queryAll(element, 'c-call-insights-chart').forEach((chart) => expect(chart.title).toBeTruthy());
        });

        it('announces range and load errors to screen readers', async () => {
            const element = mount();
            getInsights.error();
            await flushPromises();
            change(element, 'from', '2027-01-01');
            await flushPromises();

            const alerts = queryAll(element, '[role="alert"]');
            expect(alerts.map((alert) => alert.dataset.id)).toEqual(['range-error', 'error']);
            alerts.forEach((alert) => expect(alert.textContent.trim().length).toBeGreaterThan(0));
        });
    });
});
