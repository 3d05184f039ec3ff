// Uploads with progress. The anti-forgery token travels as a header so the server can stream the body
// instead of buffering the form to read the token from it.
document.addEventListener('DOMContentLoaded', () => {
    const form = document.querySelector('form[data-upload]');
    if (!form) { return; }
    form.addEventListener('submit', event => {
        event.preventDefault();
        const data = new FormData(form);
        const token = data.get('__RequestVerificationToken');
        data.delete('__RequestVerificationToken');
        const progress = document.getElementById('upload-progress');
        const bar = document.getElementById('upload-bar');
        const error = document.getElementById('upload-error');
        error.textContent = '';
        progress.classList.remove('d-none');
        const xhr = new XMLHttpRequest();
        xhr.open('POST', form.action);
        xhr.setRequestHeader('RequestVerificationToken', token);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.upload.addEventListener('progress', e => {
            if (e.lengthComputable) {
                const percent = Math.round(100 * e.loaded / e.total);
                bar.style.width = percent + '%';
                bar.textContent = percent + '%';
            }
        });
        xhr.addEventListener('load', () => {
            let body = {};
            try { body = JSON.parse(xhr.responseText); } catch { body = {}; }
            if (xhr.status === 200 && body.url) {
                window.location.assign(body.url);
            } else {
                error.textContent = body.error || ('Upload failed (' + xhr.status + ')');
            }
        });
        xhr.addEventListener('error', () => { error.textContent = 'Upload failed: network error'; });
        xhr.send(data);
    });
});
