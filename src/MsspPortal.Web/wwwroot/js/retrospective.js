// Quarterly retrospective trend charts: each canvas carries its data as JSON in data-chart (no inline script under
// the CSP); the same numbers are in the table beside each chart.
document.addEventListener('DOMContentLoaded', () => {
    if (typeof Chart === 'undefined') {
        return;
    }
    const colours = ['#0d6efd', '#fd7e14', '#198754', '#6f42c1'];
    for (const canvas of document.querySelectorAll('canvas.retro-chart[data-chart]')) {
        const spec = JSON.parse(canvas.dataset.chart);
        const axes = {};
        const datasets = spec.series.map((s, i) => {
            axes[s.axis] = axes[s.axis] || s.unit;
            const colour = colours[i % colours.length];
            return {
                label: s.label, data: s.data, type: s.kind, yAxisID: s.axis, spanGaps: true,
                backgroundColor: colour, borderColor: colour, fill: false, order: s.kind === 'line' ? 0 : 1,
            };
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
            options: { animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false }, scales },
        });
        canvas.dataset.ready = 'true';
        canvas.chart = chart;
    }
});
