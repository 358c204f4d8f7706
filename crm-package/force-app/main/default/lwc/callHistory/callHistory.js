import { LightningElement, api, wire } from 'lwc';
import getCalls from '@salesforce/apex/CallHistoryController.getCalls';
import { reduceErrors } from 'c/ldsUtils';
import { toHistoryRow } from 'c/callFormat';

/** Calls per page: a record page shows a few; reps load more on demand. */
export const PAGE_SIZE = 10;

const COLUMNS = [
    {
        label: 'Date',
        fieldName: 'callDate',
        type: 'date-local',
        typeAttributes: { year: 'numeric', month: 'short', day: 'numeric' },
        initialWidth: 120
    },
    { label: 'Direction', fieldName: 'direction' },
    { label: 'Intent', fieldName: 'intent' },
    { label: 'Value tier', fieldName: 'valueTier' },
    { label: 'Queue', fieldName: 'queue' },
    { label: 'Outcome', fieldName: 'outcome', wrapText: true },
    { label: 'Duration', fieldName: 'duration' },
    { label: 'Wait', fieldName: 'wait' },
    { label: 'Customer sentiment', fieldName: 'sentiment' },
    { label: 'Talk-to-listen', fieldName: 'talkListen' },
    { label: 'First-call resolution', fieldName: 'fcr' },
    {
        label: 'Recording',
        fieldName: 'recordingUrl',
        type: 'url',
        typeAttributes: { label: 'Listen', target: '_blank' }
    },
    { label: 'Summary', fieldName: 'summary', wrapText: true }
];

/**
 * The calls logged for the record, newest first (Task is not in the UI API, so the calls come from
 * CallHistoryController). The first page is wired to the record; "Load more" asks for the next page
 * imperatively, so a failed page can simply be asked for again.
 */
export default class CallHistory extends LightningElement {
    columns = COLUMNS;
    calls = [];
    hasMore = false;
    isLoading = true;
    loadingMore = false;
    errorMessage;
    _recordId;

    @api
    get recordId() {
        return this._recordId;
    }
    set recordId(value) {
        if (value !== this._recordId) {
            // Another record: start again from its first page.
            this._recordId = value;
            this.calls = [];
            this.hasMore = false;
            this.isLoading = true;
            this.errorMessage = undefined;
        }
    }

    @wire(getCalls, { recordId: '$recordId', pageSize: PAGE_SIZE, offsetRows: 0 })
    wiredFirstPage({ data, error }) {
        if (data) {
            this.showPage(data);
        } else if (error) {
            this.showError(error);
        } else {
            return;
        }
        this.isLoading = false;
    }

    get hasCalls() {
        return this.calls.length > 0;
    }

    get isEmpty() {
        return !this.isLoading && !this.errorMessage && this.calls.length === 0;
    }

    get showLoadMore() {
        return this.hasMore && !this.isLoading;
    }

    get cardTitle() {
        return this.hasCalls ? `Calls (${this.calls.length}${this.hasMore ? '+' : ''})` : 'Calls';
    }

    async handleLoadMore() {
        const recordId = this.recordId;
        this.loadingMore = true;
        try {
            const page = await getCalls({ recordId, pageSize: PAGE_SIZE, offsetRows: this.calls.length });
            if (recordId === this.recordId) {
                this.showPage(page);
            }
        } catch (error) {
            if (recordId === this.recordId) {
                this.showError(error);
            }
        } finally {
            this.loadingMore = false;
        }
    }

    showPage(page) {
        this.calls = mergeById(this.calls, page.calls.map(toHistoryRow));
        this.hasMore = page.hasMore;
        this.errorMessage = undefined;
    }

    showError(error) {
        this.errorMessage = reduceErrors(error).join(' ') || 'The calls could not be loaded.';
    }
}

// A page may be delivered again (cache refresh): keep each call once, in first-seen order.
function mergeById(current, incoming) {
    const byId = new Map(current.map((row) => [row.id, row]));
    incoming.forEach((row) => byId.set(row.id, row));
    return [...byId.values()];
}
