// No inline script is allowed (Content-Security-Policy): behaviour is wired here by data attributes.
document.addEventListener('DOMContentLoaded', () => {
    for (const select of document.querySelectorAll('select[data-autosubmit]')) {
        select.addEventListener('change', () => select.form.submit());
    }
});
