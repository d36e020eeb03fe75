// Slack's mrkdwn as DOM nodes. Nothing is ever parsed as HTML: text becomes text nodes, so a
// renter's name such as <script> or <@U123|x> can only ever show as the characters it is.

/** Slack escapes only these three; everything else in a text field is literal. */
function decode(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function el(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** A `<...>` control sequence: a link, a mention, a channel, a special mention or a date. */
function control(body, ctx) {
  const bar = body.indexOf('|');
  const target = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? undefined : body.slice(bar + 1);
  if (/^@[UW][A-Z0-9]+$/.test(target)) {
    const span = el('span', 'mention');
    span.textContent = `@${label ?? ctx.userName(target.slice(1))}`;
    return span;
  }
  if (/^#[CGD][A-Z0-9]+$/.test(target)) {
    const span = el('span', 'mention');
    span.textContent = `#${label ?? ctx.channelName(target.slice(1))}`;
    return span;
  }
  if (target.startsWith('!')) {
    const special = /^!(here|channel|everyone)$/.exec(target);
    const span = el('span', special ? 'mention' : '');
    span.textContent = special ? `@${special[1]}` : decode(label ?? target.slice(1));
    return span;
  }
  const url = decode(target);
  if (!SAFE_LINK.test(url)) return document.createTextNode(decode(label ?? target));
  const a = el('a');
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.textContent = decode(label ?? target);
  return a;
}

// One token at a time: a control sequence, inline code, or *bold*, _italic_, ~strike~ that start
// after a space or the start of the line and end before a space, punctuation or the end.
const TOKEN = /<([^<>\n]+)>|`([^`\n]+)`|(^|[\s(])([*_~])([^\n]*?[^\s])\4(?=$|[\s.,;:!?)'"])/g;
const STYLE = { '*': 'strong', _: 'em', '~': 's' };

function inline(text, ctx, parent) {
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index + (match[3]?.length ?? 0);
    parent.append(document.createTextNode(decode(text.slice(last, start))));
    if (match[1] !== undefined) parent.append(control(match[1], ctx));
    else if (match[2] !== undefined) {
      const code = el('code');
      code.textContent = decode(match[2]);
      parent.append(code);
    } else {
      const styled = el(STYLE[match[4]]);
      inline(match[5], ctx, styled);
      parent.append(styled);
    }
    last = match.index + match[0].length;
  }
  parent.append(document.createTextNode(decode(text.slice(last))));
}

/** mrkdwn text as a fragment: code blocks, quotes, line breaks, inline styles and links. */
export function renderMrkdwn(text, ctx) {
  const fragment = document.createDocumentFragment();
  const parts = String(text ?? '').split('```');
  parts.forEach((part, index) => {
    // Odd parts are inside ``` fences (an unclosed fence stays text).
    if (index % 2 === 1 && index < parts.length - 1) {
      const pre = el('pre', 'code-block');
      pre.textContent = decode(part.replace(/^\n/, ''));
      fragment.append(pre);
      return;
    }
    let quote = null;
    part.split('\n').forEach((line, lineIndex) => {
      const quoted = /^(?:&gt;|>) ?(.*)$/.exec(line);
      if (quoted) {
        if (quote) quote.append(el('br'));
        else {
          quote = el('blockquote');
          fragment.append(quote);
        }
        inline(quoted[1], ctx, quote);
        return;
      }
      if (lineIndex > 0 && !quote) fragment.append(el('br'));
      quote = null;
      inline(line, ctx, fragment);
    });
  });
  return fragment;
}

/** plain_text or mrkdwn text objects. */
export function renderText(object, ctx) {
  if (!object) return document.createDocumentFragment();
  if (object.type === 'mrkdwn') return renderMrkdwn(object.text, ctx);
  return document.createTextNode(String(object.text ?? ''));
}
