// SOC metrics charts: each canvas carries its data as JSON in data-chart (no inline script under the CSP).
// Clicking a bar opens the alert queue filtered to the alerts that bar counts.
document.addEventListener('DOMContentLoaded', () => {
    if (typeof Chart === 'undefined') {
        return;
    }
    const colours = ['#0d6efd', '#6f42c1', '#198754', '#fd7e14'];
    for (const canvas of document.querySelectorAll('canvas.soc-chart[data-chart]')) {
        const spec = JSON.parse(canvas.dataset.chart);
        const chart = new Chart(canvas, {
            type: spec.type,
            data: {
                labels: spec.labels,
                datasets: spec.datasets.map((d, i) => ({ label: d.label, data: d.data, backgroundColor: colours[i % colours.length] })),
            },
            options: {
                animation: false,
                scales: { y: { beginAtZero: true, title: { display: spec.unit !== '', text: spec.unit } } },
                onClick: (event, elements) => {
                    if (elements.length > 0) {
                        const { datasetIndex, index } = elements[0];
                        const link = spec.datasets[datasetIndex].links[index];
                        if (link) {
                            window.location.href = link;
                        }
                    }
                },
            },
        });
        canvas.dataset.ready = 'true';
        canvas.chart = chart;
    }
});
