import { createElement } from 'lwc';
import CallInsightsChart from 'c/callInsightsChart';

function mount(props) {
    const element = createElement('c-call-insights-chart', { is: CallInsightsChart });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

const widths = (element) => Array.from(element.shadowRoot.querySelectorAll('.chart-bar')).map((bar) => bar.style.width);
const values = (element) =>
    Array.from(element.shadowRoot.querySelectorAll('.chart-value')).map((value) => value.textContent);

describe('c-call-insights-chart', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('scales rates to a fixed scale', () => {
        const element = mount({
            title: 'Abandonment',
            scale: 1,
            bars: [
                { key: 'a', label: 'Sales', value: 0.1, display: '10.0%' },
                { key: 'b', label: 'Support', value: 0.5, display: '50.0%' }
            ]
        });

        expect(widths(element)).toEqual(['10.0%', '50.0%']);
        expect(values(element)).toEqual(['10.0%', '50.0%']);
    });

    it('scales unbounded values to the largest one', () => {
        const element = mount({
            title: 'Average handle time',
            bars: [
                { key: 'a', label: 'Sales', value: 300, display: '5m 00s' },
                { key: 'b', label: 'Support', value: 600, display: '10m 00s' }
            ]
        });

        expect(widths(element)).toEqual(['50.0%', '100.0%']);
    });

    it('shows n/a and no bar for a group without a value, and never overflows', () => {
        const element = mount({
            title: 'CSAT',
            scale: 5,
            bars: [
                { key: 'a', label: 'Sales', value: null, display: '' },
                { key: 'b', label: 'Support', value: 7, display: '7.00' }
            ]
        });

        expect(widths(element)).toEqual(['0.0%', '100.0%']);
        expect(values(element)).toEqual(['n/a', '7.00']);
    });

    it('says there is no data when there are no bars', () => {
        const element = mount({ title: 'Conversion', bars: [] });

        expect(element.shadowRoot.querySelector('ul')).toBeNull();
        expect(element.shadowRoot.textContent).toContain('No data');
    });

    it('is readable without the picture: a named list whose items say label and value', () => {
        const element = mount({
            title: 'First-call resolution',
            scale: 1,
            bars: [{ key: 'a', label: 'Sales', value: 0.75, display: '75.0%' }]
        });

        expect(element.shadowRoot.querySelector('figcaption').textContent).toBe('First-call resolution');
        expect(element.shadowRoot.querySelector('ul').getAttribute('aria-label')).toBe('First-call resolution');
        expect(element.shadowRoot.querySelector('.chart-track').getAttribute('aria-hidden')).toBe('true');
        expect(element.shadowRoot.querySelector('li').textContent).toContain('Sales');
        expect(element.shadowRoot.querySelector('li').textContent).toContain('75.0%');
    });
});
