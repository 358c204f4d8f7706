import { LightningElement, api } from 'lwc';

/**
 * A small horizontal bar chart drawn in markup and CSS. Each bar is { key, label, value, display }:
 * value sets the length, display is the text shown (and read by screen readers).
 * Bars are scaled to `scale` when given (rates: 1), else to the largest value.
 */
export default class CallInsightsChart extends LightningElement {
    @api title;
    @api scale;
    @api bars = [];

    get rows() {
        const values = this.bars.map((bar) => bar.value).filter((value) => typeof value === 'number');
        const top = this.scale || Math.max(0, ...values);
        return this.bars.map((bar) => {
            const measured = typeof bar.value === 'number';
            const percent = measured && top > 0 ? Math.min(100, Math.max(0, (bar.value / top) * 100)) : 0;
            return {
                key: bar.key,
                label: bar.label,
                display: measured ? bar.display : 'n/a',
                style: `width: ${percent.toFixed(1)}%`
            };
        });
    }

    get hasBars() {
        return this.bars.length > 0;
    }
}
