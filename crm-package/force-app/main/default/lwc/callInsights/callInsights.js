import { LightningElement, wire } from 'lwc';
import getInsights from '@salesforce/apex/CallInsightsController.getInsights';
import { reduceErrors } from 'c/ldsUtils';
import { daysBefore, isoDate } from 'c/callFormat';
import { GROUPINGS, charts, tableColumns, tableRows } from './metrics';

/** The range shown first: the last 30 days. */
export const DEFAULT_RANGE_DAYS = 30;
/** The longest range CallInsightsController accepts. */
export const MAX_RANGE_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Call-handling metrics for managers by queue, intent or rep over a date range: six small SLDS bar
 * charts and a table. Only a valid range reaches the wire, so an inverted range never calls Apex.
 */
export default class CallInsights extends LightningElement {
    groupingOptions = GROUPINGS;
    groupBy = GROUPINGS[0].value;
    fromDate;
    toDate;
    queryFrom;
    queryTo;
    groups = [];
    isLoading = true;
    errorMessage;
    rangeError;

    constructor() {
        super();
        const today = new Date();
        this.toDate = isoDate(today);
        this.fromDate = isoDate(daysBefore(today, DEFAULT_RANGE_DAYS));
        this.queryFrom = this.fromDate;
        this.queryTo = this.toDate;
    }

    @wire(getInsights, { fromDate: '$queryFrom', toDate: '$queryTo', groupBy: '$groupBy' })
    wiredInsights({ data, error }) {
        if (data) {
            this.groups = data;
            this.errorMessage = undefined;
        } else if (error) {
            this.groups = [];
            this.errorMessage = reduceErrors(error).join(' ') || 'The call metrics could not be loaded.';
        } else {
            return;
        }
        this.isLoading = false;
    }

    get columns() {
        return tableColumns(this.groupBy);
    }

    get rows() {
        return tableRows(this.groups);
    }

    get charts() {
        return charts(this.groups);
    }

    get hasData() {
        return !this.isLoading && this.groups.length > 0;
    }

    get isEmpty() {
        return !this.isLoading && !this.errorMessage && this.groups.length === 0;
    }

    get totalCalls() {
        return this.groups.reduce((sum, group) => sum + (group.calls || 0), 0);
    }

    get tableLabel() {
        const grouping = GROUPINGS.find((option) => option.value === this.groupBy);
        return `Call metrics by ${grouping.label.toLowerCase()}, ${this.queryFrom} to ${this.queryTo}`;
    }

    handleFromChange(event) {
        this.fromDate = event.detail.value;
        this.applyRange();
    }

    handleToChange(event) {
        this.toDate = event.detail.value;
        this.applyRange();
    }

    handleGroupChange(event) {
        if (event.detail.value !== this.groupBy) {
            this.groupBy = event.detail.value;
            this.isLoading = true;
        }
    }

    applyRange() {
        this.rangeError = rangeProblem(this.fromDate, this.toDate);
        if (this.rangeError || (this.fromDate === this.queryFrom && this.toDate === this.queryTo)) {
            return;
        }
        this.queryFrom = this.fromDate;
        this.queryTo = this.toDate;
        this.isLoading = true;
    }
}

function rangeProblem(fromDate, toDate) {
    if (!fromDate || !toDate) {
        return 'Choose both a start date and an end date.';
    }
    // ISO dates compare and subtract correctly as UTC midnights.
    const days = (Date.parse(toDate) - Date.parse(fromDate)) / DAY_MS;
    if (days < 0) {
        return 'The start date must be on or before the end date.';
    }
    if (days > MAX_RANGE_DAYS) {
        return `Choose a date range of at most ${MAX_RANGE_DAYS} days.`;
    }
    return undefined;
}
