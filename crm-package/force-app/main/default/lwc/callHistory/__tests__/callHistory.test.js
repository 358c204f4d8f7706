import { createElement } from 'lwc';
import CallHistory, { PAGE_SIZE } from 'c/callHistory';
import getCalls from '@salesforce/apex/CallHistoryController.getCalls';

const FIRST_PAGE = require('./data/getCalls.json');
const LAST_PAGE = require('./data/getCallsLastPage.json');
const NO_CALLS = require('./data/getCallsEmpty.json');

const RECORD_ID = '003Dm000000001AAA';

jest.mock(
    '@salesforce/apex/CallHistoryController.getCalls',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

function mount(recordId = RECORD_ID) {
    const element = createElement('c-call-history', { is: CallHistory });
    element.recordId = recordId;
    document.body.appendChild(element);
    return element;
}

// Wire emissions and re-renders settle on the microtask queue.
const flushPromises = () => new Promise((resolve) => setTimeout(resolve, 0));

const query = (element, selector) => element.shadowRoot.querySelector(selector);

describe('c-call-history', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        // Also drops per-test return values of the imperative call.
        getCalls.mockReset();
    });

    it('asks for the first page of the record and shows a spinner until it arrives', async () => {
        // Act
        const element = mount();
        await flushPromises();

        // Assess
        expect(getCalls.getLastConfig()).toEqual({ recordId: RECORD_ID, pageSize: PAGE_SIZE, offsetRows: 0 });
        const spinner = query(element, 'lightning-spinner');
        expect(spinner).not.toBeNull();
        expect(spinner.alternativeText).toBe('Loading calls');
        expect(query(element, 'lightning-datatable')).toBeNull();
        expect(query(element, '[data-id="empty"]')).toBeNull();
    });

    it('shows the calls newest first, formatted, once they arrive', async () => {
        // Prepare
        const element = mount();

        // Act
        getCalls.emit(FIRST_PAGE);
        await flushPromises();

        // Assess
        expect(query(element, 'lightning-spinner')).toBeNull();
        const table = query(element, 'lightning-datatable');
        expect(table.data.map((row) => row.id)).toEqual(FIRST_PAGE.calls.map((call) => call.Id));
        expect(table.data[0]).toMatchObject({
            direction: 'Inbound',
            intent: 'billing',
            valueTier: 'VIP',
            queue: 'Billing',
            outcome: 'Answered · agent disconnect',
            duration: '6m 12s',
            wait: '38s',
            sentiment: '+2.5',
            talkListen: '0.85',
            fcr: 'Yes'
        });
        expect(table.data[1]).toMatchObject({ outcome: 'Abandoned · customer disconnect', fcr: '', wait: '1m 35s' });
        expect(table.data[2]).toMatchObject({ direction: 'Outbound', outcome: 'Transferred', sentiment: '-1.5' });
        expect(query(element, 'lightning-card').title).toBe('Calls (3+)');
    });

    it('shows every column a rep needs, with the recording as a link', async () => {
        const element = mount();
        getCalls.emit(FIRST_PAGE);
        await flushPromises();

        const columns = query(element, 'lightning-datatable').columns;
        expect(columns.map((column) => column.label)).toEqual([
            'Date',
            'Direction',
            'Intent',
            'Value tier',
            'Queue',
            'Outcome',
            'Duration',
            'Wait',
            'Customer sentiment',
            'Talk-to-listen',
            'First-call resolution',
            'Recording',
            'Summary'
        ]);
        expect(columns.find((column) => column.fieldName === 'recordingUrl').type).toBe('url');
        expect(columns.find((column) => column.fieldName === 'callDate').type).toBe('date-local');
    });

    it('says so when the record has no calls', async () => {
        const element = mount();

        getCalls.emit(NO_CALLS);
        await flushPromises();

        expect(query(element, '[data-id="empty"]').textContent).toContain('No calls have been logged');
        expect(query(element, 'lightning-datatable')).toBeNull();
        expect(query(element, '[data-id="load-more"]')).toBeNull();
        expect(query(element, 'lightning-card').title).toBe('Calls');
    });

    it.each([
        'NO_ACCESS: You do not have access to the Callwise call fields. Ask your Salesforce admin for the Callwise Rep permission set.',
        'QUERY_FAILED: Callwise could not load the calls for this record. Ask your Salesforce admin to check your Callwise permission set.'
    ])('shows the code and sentence from Apex as they came: %s', async (message) => {
        const element = mount();

        getCalls.error({ message });
        await flushPromises();

        const error = query(element, '[data-id="error"]');
        expect(error.textContent.trim()).toBe(message);
        expect(error.getAttribute('role')).toBe('alert');
        expect(query(element, 'lightning-spinner')).toBeNull();
        expect(query(element, '[data-id="empty"]')).toBeNull();
    });

    it('loads the next page on demand and appends it', async () => {
        // Prepare
        const element = mount();
        getCalls.emit(FIRST_PAGE);
        await flushPromises();
        let deliverPage;
        getCalls.mockReturnValue(new Promise((resolve) => (deliverPage = resolve)));

        // Act
        query(element, '[data-id="load-more"]').click();
        await flushPromises();

        // Assess: the button waits for the page, which starts after the calls already shown
        expect(query(element, '[data-id="load-more"]').disabled).toBe(true);
        expect(getCalls).toHaveBeenCalledWith({
            recordId: RECORD_ID,
            pageSize: PAGE_SIZE,
            offsetRows: FIRST_PAGE.calls.length
        });

        deliverPage(LAST_PAGE);
        await flushPromises();

        const rows = query(element, 'lightning-datatable').data;
        expect(rows.map((row) => row.id)).toEqual([...FIRST_PAGE.calls, ...LAST_PAGE.calls].map((call) => call.Id));
        expect(query(element, '[data-id="load-more"]')).toBeNull();
        expect(query(element, 'lightning-card').title).toBe('Calls (4)');
    });

    it('keeps the calls shown when a page fails, and asks for the same page again', async () => {
        // Prepare
        const element = mount();
        getCalls.emit(FIRST_PAGE);
        await flushPromises();
        getCalls.mockRejectedValueOnce({ body: { message: 'Request timed out.' }, status: 500 });

        // Act
        query(element, '[data-id="load-more"]').click();
        await flushPromises();

        // Assess
        expect(query(element, '[data-id="error"]').textContent).toContain('Request timed out.');
        expect(query(element, 'lightning-datatable').data).toHaveLength(FIRST_PAGE.calls.length);
        const retry = query(element, '[data-id="load-more"]');
        expect(retry.disabled).toBe(false);

        getCalls.mockResolvedValueOnce(LAST_PAGE);
        retry.click();
        await flushPromises();

        expect(getCalls.mock.calls.map(([params]) => params.offsetRows)).toEqual([3, 3]);
        expect(query(element, '[data-id="error"]')).toBeNull();
        expect(query(element, 'lightning-datatable').data).toHaveLength(4);
    });

    it('keeps each call once when a page is delivered again', async () => {
        const element = mount();
        getCalls.emit(FIRST_PAGE);
        await flushPromises();

        getCalls.emit(FIRST_PAGE);
        await flushPromises();

        expect(query(element, 'lightning-datatable').data).toHaveLength(FIRST_PAGE.calls.length);
    });

    it('starts again from the first page when the record changes, ignoring a late page of the old record', async () => {
        const element = mount();
        getCalls.emit(FIRST_PAGE);
        await flushPromises();
        let deliverPage;
        getCalls.mockReturnValue(new Promise((resolve) => (deliverPage = resolve)));
        query(element, '[data-id="load-more"]').click();
        await flushPromises();

        element.recordId = '001Dm000000002AAA';
        await flushPromises();
        deliverPage(LAST_PAGE);
        await flushPromises();

        expect(getCalls.getLastConfig()).toEqual({ recordId: '001Dm000000002AAA', pageSize: PAGE_SIZE, offsetRows: 0 });
        expect(query(element, 'lightning-datatable')).toBeNull();
        expect(query(element, 'lightning-spinner')).not.toBeNull();
    });

    describe('accessibility', () => {
        it('names the table, the spinner and the load-more button', async () => {
            const element = mount();
            expect(query(element, 'lightning-spinner').alternativeText).toBeTruthy();

            getCalls.emit(FIRST_PAGE);
            await flushPromises();

            expect(query(element, 'lightning-datatable').getAttribute('aria-label')).toBe(
                'Calls logged for this record, newest first'
            );
            expect(query(element, '[data-id="load-more"]').label).toBe('Load more calls');
            expect(query(element, 'lightning-card').iconName).toBe('standard:call');
        });

        it('announces errors to screen readers', async () => {
            const element = mount();

            getCalls.error();
            await flushPromises();

            const error = query(element, '[role="alert"]');
            expect(error).not.toBeNull();
            expect(error.textContent.trim().length).toBeGreaterThan(0);
        });
    });
});
