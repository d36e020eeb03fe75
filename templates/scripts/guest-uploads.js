// Guest photo uploads (inline in the guest page; its SHA-256 is in the page's CSP).
// The page is rendered once, at approval: the window comes from data attributes and is checked
// against this browser's clock, again every 30 seconds. Each photo gets a presigned POST from
// deckhand, then goes straight to S3 with progress, a thumbnail when done, or the refusal.
(() => {
  const section = document.getElementById('photos');
  const form = section?.querySelector('form');
  const input = form?.querySelector('input[type="file"]');
  const list = section?.querySelector('.upload-list');
  const message = section?.querySelector('.upload-message');
  if (!section || !form || !input || !list || !message) return;
  const opensAt = Date.parse(section.dataset.opensAt || '');
  const closesAt = Date.parse(section.dataset.closesAt || '');
  const endpoint = section.dataset.endpoint || '';
  let state = '';

  const refresh = () => {
    const now = Date.now();
    const next = now < opensAt ? 'before' : now < closesAt ? 'open' : 'closed';
    if (next === state) return;
    state = next;
    section.dataset.state = next;
    for (const notice of section.querySelectorAll('[data-when]')) {
      notice.hidden = notice.dataset.when !== next;
    }
    form.hidden = next !== 'open';
  };

  const say = (text) => {
    message.textContent = text;
    message.hidden = !text;
  };

  const add = (tag, className, parent) => {
    const element = document.createElement(tag);
    element.className = className;
    parent.append(element);
    return element;
  };

  const row = (file) => {
    const item = add('li', 'upload', list);
    const thumb = add('span', 'upload-thumb', item);
    const body = add('div', 'upload-body', item);
    add('span', 'upload-name', body).textContent = file.name || 'Photo';
    const bar = add('progress', 'upload-progress', body);
    bar.max = 100;
    bar.value = 0;
    const status = add('span', 'upload-status', body);
    status.textContent = 'Waiting…';
    return { item, thumb, bar, status };
  };

  const fail = (r, text) => {
    r.item.classList.add('upload-failed');
    r.thumb.remove();
    r.bar.remove();
    r.status.textContent = text;
  };

  const post = (target, file, r) =>
    new Promise((resolve) => {
      const data = new FormData();
      for (const [name, value] of Object.entries(target.fields)) data.append(name, value);
      data.append('file', file);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', target.url);
      xhr.upload.addEventListener('progress', (event) => {
        if (!event.lengthComputable) return;
        r.bar.value = Math.round((event.loaded / event.total) * 100);
        r.status.textContent = `Uploading… ${r.bar.value}%`;
      });
      xhr.addEventListener('load', () => resolve(xhr.status >= 200 && xhr.status < 300));
      xhr.addEventListener('error', () => resolve(false));
      xhr.addEventListener('abort', () => resolve(false));
      xhr.send(data);
    });

  const upload = async (file) => {
    const r = row(file);
    let answer;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ contentType: file.type, size: file.size }),
        credentials: 'omit',
      });
      answer = await response.json().catch(() => ({}));
      if (!response.ok || !answer.url || !answer.fields) {
        fail(r, answer.message || 'This photo could not be uploaded. Try again later.');
        return;
      }
    } catch {
      fail(r, 'Could not reach us. Check your connection and try again.');
      return;
    }
    r.status.textContent = 'Uploading…';
    if (!(await post(answer, file, r))) {
      fail(r, 'The upload did not finish. Check your connection and try again.');
      return;
    }
    // Tell deckhand the photo landed: it counts what is really in the bucket. Losing this call
    // is harmless (deckhand recounts on its schedule), so its answer is not waited for.
    fetch(`${endpoint}/done`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: answer.key }),
      credentials: 'omit',
    }).catch(() => {});
    r.item.classList.add('upload-done');
    r.bar.value = 100;
    r.status.textContent = 'Uploaded';
    const image = document.createElement('img');
    image.className = 'upload-thumb';
    image.alt = `Uploaded: ${file.name || 'photo'}`;
    image.addEventListener('error', () => image.replaceWith(r.thumb));
    image.src = URL.createObjectURL(file);
    r.thumb.replaceWith(image);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    refresh();
    if (state !== 'open') return;
    const files = Array.from(input.files || []);
    if (files.length === 0) {
      say('Choose one or more photos first.');
      return;
    }
    say('');
    input.value = '';
    // One at a time: phones at the marina often have a weak connection.
    for (const file of files) await upload(file);
  });

  refresh();
  setInterval(refresh, 30000);
})();
