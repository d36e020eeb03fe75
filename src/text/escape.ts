/**
 * Escaping for where text is shown. Names and notes come from renters and operators; they are
 * stored raw and escaped at the surface: Slack mrkdwn here, HTML in the page templates.
 */

/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` are the only characters Slack asks to escape,
 * and escaping `<` is what stops `<!channel>`, `<@U123>` and `<https://evil|label>`.
 *
 * @example escapeMrkdwn('Sam <!channel>') // 'Sam &lt;!channel&gt;'
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Shortens text to `max` characters (Slack rejects over-long block text), marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not cut an escape sequence or a surrogate pair in half.
  let cut = text.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && amp > cut.length - 6 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
