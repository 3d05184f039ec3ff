// Action-item burn-down: the canvas carries its data as JSON in data-chart (no inline script under the CSP).
document.addEventListener('DOMContentLoaded', () => {
    if (typeof Chart === 'undefined') {
        return;
    }
    const colours = ['#dc3545', '#0d6efd', '#198754'];
    for (const canvas of document.querySelectorAll('canvas.burndown-chart[data-chart]')) {
        const spec = JSON.parse(canvas.dataset.chart);
        const chart = new Chart(canvas, {
            type: 'line',
            data: {
                labels: spec.labels,
                datasets: spec.datasets.map((d, i) => ({
                    label: d.label,
                    data: d.data,
                    borderColor: colours[i % colours.length],
                    backgroundColor: colours[i % colours.length],
                    borderWidth: i === 0 ? 3 : 1.5,
                    borderDash: i === 0 ? [] : [4, 3],
                    tension: 0.2,
                })),
            },
            options: {
                animation: false,
                // The box around the canvas sets the height (site.css); the chart fills it.
                maintainAspectRatio: false,
                scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'items' } } },
            },
        });
        canvas.dataset.ready = 'true';
        canvas.chart = chart;
    }
});
