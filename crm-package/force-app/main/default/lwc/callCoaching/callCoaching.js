import { LightningElement, wire } from 'lwc';
import getCoaching from '@salesforce/apex/CoachingController.getCoaching';
import { reduceErrors } from 'c/ldsUtils';
import { daysBefore, isoDate } from 'c/callFormat';

/** The range shown: the last twelve weeks. */
export const RANGE_DAYS = 84;

const percent = (rate) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`);
const decimal = (value) => (value === null || value === undefined ? '—' : String(value));
const taskUrl = (id) => (id ? `/lightning/r/Task/${id}/view` : undefined);

export const REP_COLUMNS = [
    { label: 'Rep', fieldName: 'name' },
    { label: 'Scored calls', fieldName: 'calls', type: 'number' },
    { label: 'Average score', fieldName: 'averageScore', type: 'number' },
    { label: 'Weakest step', fieldName: 'weakestStep' },
    { label: 'Well handled', fieldName: 'bestUrl', type: 'url', typeAttributes: { label: 'Listen' } },
    { label: 'Poorly handled', fieldName: 'worstUrl', type: 'url', typeAttributes: { label: 'Coach' } }
];

/**
 * Coaching for managers (and reps on their own calls, as sharing allows): pass rate of each handling
 * step per rep and for the team, the weekly trend, the weakest step, a well and a poorly handled
 * example call, and which behaviours go with outcomes (FCR, conversion, CSAT for passed vs missed).
 */
export default class CallCoaching extends LightningElement {
    repColumns = REP_COLUMNS;
    fromDate;
    toDate;
    view;
    isLoading = true;
    errorMessage;

    constructor() {
        super();
        const today = new Date();
        this.toDate = isoDate(today);
        this.fromDate = isoDate(daysBefore(today, RANGE_DAYS));
    }

    @wire(getCoaching, { fromDate: '$fromDate', toDate: '$toDate' })
    wiredCoaching({ data, error }) {
        if (data) {
            this.view = data;
            this.errorMessage = undefined;
        } else if (error) {
            this.view = undefined;
            this.errorMessage = reduceErrors(error).join(' ') || 'The coaching view could not be loaded.';
        } else {
            return;
        }
        this.isLoading = false;
    }

    get team() {
        return this.view?.reps?.[0];
    }

    get hasData() {
        return !this.isLoading && !!this.team && this.team.calls > 0;
    }

    get isEmpty() {
        return !this.isLoading && !this.errorMessage && !this.hasData;
    }

    get weakestStep() {
        return this.team?.weakestStep ?? '—';
    }

    get repRows() {
        return (this.view?.reps ?? []).map((rep) => ({
            key: rep.repId ?? 'team',
            name: rep.name,
            calls: rep.calls,
            averageScore: rep.averageScore,
            weakestStep: rep.weakestStep,
            bestUrl: taskUrl(rep.bestCallId),
            worstUrl: taskUrl(rep.worstCallId)
        }));
    }

    /** Behaviours vs outcomes for the team: each step passed vs missed, with the calls behind each figure. */
    get stepRows() {
        return (this.team?.steps ?? []).map((s) => ({
            step: s.step,
            passRate: percent(s.passRate),
            calls: `${s.passed} / ${s.missed}`,
            fcr: `${percent(s.fcrPassed)} vs ${percent(s.fcrMissed)}`,
            conversion: `${percent(s.conversionPassed)} vs ${percent(s.conversionMissed)}`,
            csat: `${decimal(s.csatPassed)} vs ${decimal(s.csatMissed)}`
        }));
    }

    get weekRows() {
        return (this.view?.weeks ?? []).map((w) => ({ key: w.weekStart, label: `Week of ${w.weekStart}: ${decimal(w.averageScore)} (${w.calls} calls)` }));
    }
}
