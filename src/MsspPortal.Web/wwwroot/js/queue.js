// The alert queue: selection, bulk confirmation, keyboard triage and polling for newer alerts. Plain script (the
// Content-Security-Policy allows no inline script); everything here also has a mouse path in the page itself.
(() => {
    'use strict';
    const table = document.getElementById('alerts');
    const rows = table ? Array.from(table.querySelectorAll('tbody tr[data-id]')) : [];
    const bulkForm = document.getElementById('bulk-form');
    const selectedCount = document.getElementById('selected-count');
    const allMatching = document.getElementById('select-all-matching');
    const shortcuts = document.getElementById('shortcuts');
    const resolveDialog = document.getElementById('resolve-dialog');
    const resolveForm = document.getElementById('resolve-form');
    const canTriage = table && table.dataset.canTriage === 'true';
    const selectionKey = 'mssp-queue-selection';
    let focused = -1;

    const live = document.createElement('div');
    live.className = 'queue-toast alert alert-secondary py-1 px-2 small d-none';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.id = 'queue-toast';
    document.body.appendChild(live);

    function say(text, failed) {
        live.textContent = text;
        live.classList.remove('d-none', 'alert-danger', 'alert-secondary');
        live.classList.add(failed ? 'alert-danger' : 'alert-secondary');
    }

    function boxes() {
        return rows.map(r => r.querySelector('.row-select')).filter(b => b);
    }

    function updateCount() {
        if (selectedCount) {
            const n = boxes().filter(b => b.checked).length;
            selectedCount.textContent = allMatching && allMatching.checked && allMatching.value
                ? `all ${allMatching.value} matching selected`
                : `${n} selected`;
        }
    }

    // Newer alerts reload the page; the analyst's checked alerts survive it.
    function keepSelection() {
        const ids = boxes().filter(b => b.checked).map(b => b.value);
        sessionStorage.setItem(selectionKey, JSON.stringify(ids));
    }

    function restoreSelection() {
        const kept = sessionStorage.getItem(selectionKey);
        if (!kept) {
            return;
        }
        sessionStorage.removeItem(selectionKey);
        let ids = [];
        try {
            ids = JSON.parse(kept);
        } catch {
            return;
        }
        for (const box of boxes()) {
            if (ids.includes(box.value)) {
                box.checked = true;
            }
        }
    }

    function focusRow(index) {
        if (rows.length === 0) {
            return;
        }
        index = Math.max(0, Math.min(rows.length - 1, index));
        if (focused >= 0 && rows[focused]) {
            rows[focused].classList.remove('row-focused');
            rows[focused].removeAttribute('aria-current');
        }
        focused = index;
        const row = rows[focused];
        row.classList.add('row-focused');
        row.setAttribute('aria-current', 'true');
        row.scrollIntoView({ block: 'nearest' });
    }

    function currentRow() {
        return focused >= 0 ? rows[focused] : null;
    }

    function token() {
        const input = document.querySelector('input[name="__RequestVerificationToken"]');
        return input ? input.value : '';
    }

    async function triage(row, verb, disposition, reason) {
        const body = new URLSearchParams();
        body.append('ids', row.dataset.id);
        body.append('verb', verb);
        if (disposition) {
            body.append('disposition', disposition);
        }
        if (reason) {
            body.append('reason', reason);
        }
        body.append('__RequestVerificationToken', token());
        const response = await fetch('/Alerts/Bulk', {
            method: 'POST',
            body,
            headers: { 'Accept': 'application/json' },
            credentials: 'same-origin',
        });
        let result = {};
        try {
            result = await response.json();
        } catch {
            result = { message: `Failed (${response.status}).` };
        }
        const ok = response.ok && (!result.refused || result.refused.length === 0);
        say(`Alert ${row.dataset.id}: ${result.message || ''}`, !ok);
        if (ok) {
            row.classList.add('row-triaged');
            row.dataset.triaged = verb;
            const status = row.querySelector('.status');
            if (status) {
                status.textContent = { Acknowledge: 'Acknowledged', Escalate: 'Escalated', Resolve: 'Resolved' }[verb] || status.textContent;
            }
            if (verb === 'AssignToMe') {
                const assignee = row.querySelector('.assignee');
                if (assignee) {
                    assignee.textContent = 'me';
                }
            }
        }
        return ok;
    }

    function openResolve(row, falsePositive) {
        if (!resolveDialog || !resolveForm) {
            return;
        }
        document.getElementById('resolve-id').value = row.dataset.id;
        const disposition = document.getElementById('resolve-disposition');
        disposition.value = falsePositive ? 'FalsePositive' : 'TruePositive';
        document.getElementById('resolve-title').textContent = falsePositive
            ? `False positive: alert ${row.dataset.id}` : `Resolve alert ${row.dataset.id}`;
        document.getElementById('resolve-reason').value = '';
        resolveDialog.showModal();
        (falsePositive ? document.getElementById('resolve-reason') : disposition).focus();
    }

    function typing(target) {
        return target && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName) && target.type !== 'checkbox');
    }

    document.addEventListener('keydown', async event => {
        if (event.ctrlKey || event.metaKey || event.altKey) {
            return;
        }
        if (document.querySelector('dialog[open]')) {
            return; // the dialog has the keyboard; Escape closes it natively
        }
        if (typing(event.target)) {
            if (event.key === 'Escape') {
                event.target.blur();
            }
            return;
        }
        const row = currentRow();
        switch (event.key) {
            case 'j':
                focusRow(focused + 1);
                break;
            case 'k':
                focusRow(focused < 0 ? 0 : focused - 1);
                break;
            case 'o':
            case 'Enter':
                if (row) {
                    window.location.href = row.dataset.href;
                } else {
                    return;
                }
                break;
            case 'x':
                if (row) {
                    const box = row.querySelector('.row-select');
                    if (box) {
                        box.checked = !box.checked;
                        updateCount();
                    }
                }
                break;
            case 'a':
                if (row && canTriage) {
                    await triage(row, 'AssignToMe');
                }
                break;
            case 'e':
                if (row && canTriage) {
                    await triage(row, 'Escalate');
                }
                break;
            case 'r':
                if (row && canTriage) {
                    openResolve(row, false);
                }
                break;
            case 'f':
                if (row && canTriage) {
                    openResolve(row, true);
                }
                break;
            case 'c':
                if (row) {
                    window.location.href = row.dataset.href + '#comment-form';
                }
                break;
            case '/': {
                const search = document.getElementById('queue-search');
                if (search) {
                    search.focus();
                    search.select();
                }
                break;
            }
            case '?':
                if (shortcuts) {
                    shortcuts.showModal();
                }
                break;
            default:
                return;
        }
        event.preventDefault();
    });

    if (resolveForm) {
        resolveForm.addEventListener('submit', async event => {
            event.preventDefault();
            const id = document.getElementById('resolve-id').value;
            const row = rows.find(r => r.dataset.id === id);
            const reason = document.getElementById('resolve-reason').value.trim();
            if (!row || reason === '') {
                return;
            }
            resolveDialog.close();
            if (await triage(row, 'Resolve', document.getElementById('resolve-disposition').value, reason)) {
                focusRow(focused + 1);
            }
        });
    }
    for (const button of document.querySelectorAll('[data-dialog-close]')) {
        button.addEventListener('click', () => button.closest('dialog').close());
    }
    for (const button of document.querySelectorAll('[data-shortcuts-open]')) {
        button.addEventListener('click', () => shortcuts && shortcuts.showModal());
    }

    for (const box of boxes()) {
        box.addEventListener('change', updateCount);
    }
    if (allMatching) {
        // The count is taken when asked for; the server counts again and refuses if more match by then.
        allMatching.addEventListener('change', async () => {
            const label = document.getElementById('all-matching-count');
            allMatching.value = '';
            label.textContent = '';
            if (allMatching.checked) {
                label.textContent = '(counting…)';
                try {
                    const response = await fetch(allMatching.dataset.countUrl, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' });
                    const result = await response.json();
                    if (result.count > result.cap) {
                        label.textContent = `(more than ${result.cap}: narrow the filter)`;
                        allMatching.checked = false;
                    } else {
                        allMatching.value = String(result.count);
                        label.textContent = `(${result.count} alerts)`;
                    }
                } catch {
                    label.textContent = '(could not count)';
                    allMatching.checked = false;
                }
            }
            updateCount();
        });
    }
    if (bulkForm) {
        bulkForm.addEventListener('submit', event => {
            const target = document.getElementById('bulk-target');
            if (target) {
                target.value = '';
            }
            if (bulkForm.elements.verb.value === 'Merge') {
                // Merge folds the checked alerts into the one that ranks first: highest risk, then the oldest.
                const chosen = rows.filter(r => { const b = r.querySelector('.row-select'); return b && b.checked; });
                if ((allMatching && allMatching.checked) || chosen.length < 2) {
                    event.preventDefault();
                    say('Merge works on checked alerts: check at least two (the filter-wide selection is not merged).', true);
                    return;
                }
                chosen.sort((a, b) => Number(b.dataset.risk) - Number(a.dataset.risk)
                    || Number(a.dataset.detected) - Number(b.dataset.detected) || Number(a.dataset.id) - Number(b.dataset.id));
                const survivor = chosen[0];
                const title = survivor.querySelector('.alert-link-title');
                if (!window.confirm(`Merge ${chosen.length - 1} alert(s) into alert #${survivor.dataset.id} (risk ${survivor.dataset.risk}: ${title ? title.textContent : ''})?`)) {
                    event.preventDefault();
                    return;
                }
                target.value = survivor.dataset.id;
                return;
            }
            if (allMatching && allMatching.checked) {
                if (!allMatching.value || !window.confirm(`Apply to all ${allMatching.value} alerts matching the filter?`)) {
                    event.preventDefault();
                }
            } else if (boxes().every(b => !b.checked)) {
                event.preventDefault();
                say('Select alerts first (x, or the checkboxes), or select all matching the filter.', true);
            }
        });
    }
    for (const button of document.querySelectorAll('button[data-confirm]')) {
        button.addEventListener('click', event => {
            if (!window.confirm(button.dataset.confirm)) {
                event.preventDefault();
            }
        });
    }
    for (const row of rows) {
        row.addEventListener('click', event => {
            if (event.target.closest('a, input, button, label')) {
                return;
            }
            focusRow(rows.indexOf(row));
        });
    }

    // Newer alerts: a banner, never a reload under the analyst's hands.
    const banner = document.getElementById('newer-banner');
    if (banner) {
        let since = banner.dataset.since;
        const poll = banner.dataset.poll;
        const interval = Number(banner.dataset.interval || 30000);
        const show = document.getElementById('newer-show');
        show.addEventListener('click', keepSelection);
        const check = async () => {
            try {
                const url = poll + (poll.endsWith('?') ? '' : '&') + 'since=' + encodeURIComponent(since);
                const response = await fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' });
                if (!response.ok) {
                    return;
                }
                const newer = await response.json();
                if (newer.count > 0) {
                    document.getElementById('newer-text').textContent =
                        `${newer.count > 99 ? '99+' : newer.count} new alert${newer.count === 1 ? '' : 's'} — ` +
                        newer.alerts.map(a => `${a.severity} ${a.title} (${a.tenant})`).slice(0, 3).join('; ');
                    banner.classList.remove('d-none');
                }
            } catch {
                // Offline for a moment: the next poll tries again.
            }
        };
        window.setInterval(check, interval);
    }

    restoreSelection();
    updateCount();
})();
