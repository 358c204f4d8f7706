import { formatDuration, formatNumber, formatPercent } from 'c/callFormat';

/** The groupings CallInsightsController accepts (its allow-list), with the label of the group column. */
export const GROUPINGS = [
    { label: 'Queue', value: 'queue' },
    { label: 'Intent', value: 'intent' },
    { label: 'Rep', value: 'rep' }
];

const RATE = { type: 'percent', typeAttributes: { maximumFractionDigits: 1 } };
const TWO_DECIMALS = { type: 'number', typeAttributes: { minimumFractionDigits: 2, maximumFractionDigits: 2 } };
const twoDecimals = (value) => formatNumber(value, 2);

/**
 * The six metrics, each with its chart (title, formatter, fixed scale for bounded values) and table column.
 * Field names are those of CallInsightsController.GroupMetrics.
 */
export const METRICS = [
    {
        field: 'ahtSeconds',
        title: 'Average handle time',
        format: formatDuration,
        column: { label: 'AHT', fieldName: 'aht' }
    },
    {
        field: 'fcrRate',
        title: 'First-call resolution',
        format: formatPercent,
        scale: 1,
        column: { label: 'FCR', ...RATE }
    },
    {
        field: 'abandonmentRate',
        title: 'Abandonment',
        format: formatPercent,
        scale: 1,
        column: { label: 'Abandonment', ...RATE }
    },
    {
        field: 'csat',
        title: 'CSAT (1 to 5)',
        format: twoDecimals,
        scale: 5,
        column: { label: 'CSAT', ...TWO_DECIMALS }
    },
    {
        field: 'conversionRate',
        title: 'Conversion',
        format: formatPercent,
        scale: 1,
        column: { label: 'Conversion', ...RATE }
    },
    {
        field: 'talkListenRatio',
        title: 'Talk-to-listen',
        format: twoDecimals,
        column: { label: 'Talk-to-listen', ...TWO_DECIMALS }
    }
];

/** Charts show the busiest groups only; the table lists them all. */
export const CHART_BARS = 8;

const keyOf = (group) => group.groupKey || 'not-set';

/**
 * The datatable columns for a grouping.
 * @param {string} groupBy
 * @return {object[]}
 */
export function tableColumns(groupBy) {
    const grouping = GROUPINGS.find((option) => option.value === groupBy) || GROUPINGS[0];
    return [
        { label: grouping.label, fieldName: 'label' },
        { label: 'Calls', fieldName: 'calls', type: 'number' },
        ...METRICS.map((metric) => ({ fieldName: metric.field, ...metric.column }))
    ];
}

/**
 * The datatable rows: the GroupMetrics as they are, plus a key and the formatted AHT.
 * @param {object[]} groups
 * @return {object[]}
 */
export function tableRows(groups) {
    return groups.map((group) => ({ ...group, key: keyOf(group), aht: formatDuration(group.ahtSeconds) }));
}

/**
 * One chart per metric over the busiest groups (groups arrive busiest first).
 * @param {object[]} groups
 * @return {object[]} { key, title, scale, bars: { key, label, value, display }[] }
 */
export function charts(groups) {
    const shown = groups.slice(0, CHART_BARS);
    return METRICS.map((metric) => ({
        key: metric.field,
        title: metric.title,
        scale: metric.scale,
        bars: shown.map((group) => ({
            key: keyOf(group),
            label: group.label,
            value: typeof group[metric.field] === 'number' ? group[metric.field] : null,
            display: metric.format(group[metric.field])
        }))
    }));
}
