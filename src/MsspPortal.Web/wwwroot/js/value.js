// Value dashboard trend charts: each canvas carries its data as JSON in data-chart (no inline script under the CSP).
// Series kinds: bar, line, and a P10–P90 band drawn as a "low" line with the "high" line filled down to it.
// Clicking a point opens the records its month's figure counts.
document.addEventListener('DOMContentLoaded', () => {
    if (typeof Chart === 'undefined') {
        return;
    }
    const colours = ['#0d6efd', '#6c757d', '#198754', '#fd7e14'];
    const band = 'rgba(13, 110, 253, 0.18)';
    for (const canvas of document.querySelectorAll('canvas.value-chart[data-chart]')) {
        const spec = JSON.parse(canvas.dataset.chart);
        const axes = {};
        const datasets = spec.series.map((s, i) => {
            axes[s.axis] = axes[s.axis] || s.unit;
            const colour = colours[i % colours.length];
            const common = { label: s.label, data: s.data, yAxisID: s.axis, spanGaps: true };
            switch (s.kind) {
                case 'bar':
                    return { ...common, type: 'bar', backgroundColor: colour, order: 2 };
                case 'low':
                    return { ...common, type: 'line', borderColor: band, backgroundColor: band, pointRadius: 0, fill: false, order: 1 };
                case 'high':
                    return { ...common, type: 'line', borderColor: band, backgroundColor: band, pointRadius: 0, fill: '-1', order: 1 };
                default:
                    return { ...common, type: 'line', borderColor: colour, backgroundColor: colour, borderDash: s.kind === 'line' && i > 0 && spec.series[0].kind === 'bar' && s.axis === 'y' ? [6, 4] : [], fill: false, order: 0 };
            }
        });
        const scales = {};
        for (const [axis, unit] of Object.entries(axes)) {
            scales[axis] = {
                beginAtZero: true,
                position: axis === 'y2' ? 'right' : 'left',
                grid: { drawOnChartArea: axis !== 'y2' },
                title: { display: unit !== '', text: unit },
                ...(unit === '%' ? { max: 100 } : {}),
            };
        }
        const chart = new Chart(canvas, {
            data: { labels: spec.labels, datasets },
            options: {
                animation: false,
                // The box around the canvas sets the height (site.css); the chart fills it.
                maintainAspectRatio: false,
                interaction: { mode: 'index', intersect: false },
                scales,
                onClick: (event, elements) => {
                    for (const { datasetIndex, index } of elements) {
                        const link = spec.series[datasetIndex].links[index];
                        if (link) {
                            window.location.href = link;
                            return;
                        }
                    }
                },
            },
        });
        canvas.dataset.ready = 'true';
        canvas.chart = chart;
    }
});
