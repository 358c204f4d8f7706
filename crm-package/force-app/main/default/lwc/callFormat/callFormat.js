/**
 * Display helpers for Callwise calls and call metrics. Pure functions: no DOM, no clock reads.
 */

const EMPTY = '';

/**
 * Formats seconds as "45s", "3m 05s" or "1h 02m".
 * @param {number} seconds
 * @return {string} '' when there is no duration.
 */
export function formatDuration(seconds) {
    if (seconds === null || seconds === undefined || Number.isNaN(Number(seconds))) {
        return EMPTY;
    }
    const total = Math.max(0, Math.round(Number(seconds)));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const rest = total % 60;
    if (hours > 0) {
        return `${hours}h ${String(minutes).padStart(2, '0')}m`;
    }
    if (minutes > 0) {
        return `${minutes}m ${String(rest).padStart(2, '0')}s`;
    }
    return `${rest}s`;
}

/**
 * Formats a rate from 0 to 1 as a percentage with one decimal ("33.3%").
 * @param {number} rate
 * @return {string}
 */
export function formatPercent(rate) {
    if (rate === null || rate === undefined) {
        return EMPTY;
    }
    return `${(Number(rate) * 100).toFixed(1)}%`;
}

/**
 * Formats a number with a fixed count of decimals; signed when asked (sentiment runs from -5 to +5).
 * @param {number} value
 * @param {number} decimals
 * @param {boolean} [signed]
 * @return {string}
 */
export function formatNumber(value, decimals, signed = false) {
    if (value === null || value === undefined) {
        return EMPTY;
    }
    const text = Number(value).toFixed(decimals);
    return signed && Number(value) > 0 ? `+${text}` : text;
}

/**
 * How a call ended, from the Callwise outcome flags and Connect's disconnect reason:
 * "Abandoned", "Transferred" or "Answered", followed by the reason in words when there is one.
 * @param {object} call A Task with the Callwise fields.
 * @return {string}
 */
export function callOutcome(call) {
    let outcome = 'Answered';
    if (call.Callwise_Abandoned__c) {
        outcome = 'Abandoned';
    } else if (call.Callwise_Transferred__c) {
        outcome = 'Transferred';
    }
    const reason = call.Callwise_Disconnect_Reason__c;
    return reason ? `${outcome} · ${reason.toLowerCase().replace(/_/g, ' ')}` : outcome;
}

/**
 * First-call resolution in words; blank for abandoned calls, where it does not apply.
 * @param {object} call
 * @return {string}
 */
export function firstCallResolution(call) {
    if (call.Callwise_Abandoned__c) {
        return EMPTY;
    }
    return call.Callwise_First_Call_Resolution__c ? 'Yes' : 'No';
}

/**
 * Maps a call Task (as CallHistoryController returns it) to a callHistory table row.
 * @param {object} call
 * @return {object}
 */
export function toHistoryRow(call) {
    return {
        id: call.Id,
        callDate: call.ActivityDate,
        direction: call.CallType || EMPTY,
        intent: call.Callwise_Intent__c || EMPTY,
        valueTier: call.Callwise_Value_Tier__c || EMPTY,
        queue: call.Callwise_Queue__c || EMPTY,
        outcome: callOutcome(call),
        duration: formatDuration(call.CallDurationInSeconds),
        wait: formatDuration(call.Callwise_Wait_Seconds__c),
        sentiment: formatNumber(call.Callwise_Customer_Sentiment__c, 1, true),
        talkListen: formatNumber(call.Callwise_Talk_Listen_Ratio__c, 2),
        fcr: firstCallResolution(call),
        recordingUrl: call.Callwise_Recording_Url__c,
        summary: call.Callwise_Call_Summary__c || EMPTY
    };
}

/**
 * A date as YYYY-MM-DD in local time (what lightning-input type="date" uses).
 * @param {Date} date
 * @return {string}
 */
export function isoDate(date) {
    const month = String(date.getMonth() + 1).padStart(2, '0');
    const day = String(date.getDate()).padStart(2, '0');
    return `${date.getFullYear()}-${month}-${day}`;
}

/**
 * The date some days before another, in local time.
 * @param {Date} date
 * @param {number} days
 * @return {Date}
 */
export function daysBefore(date, days) {
    const result = new Date(date.getTime());
    result.setDate(result.getDate() - days);
    return result;
}
