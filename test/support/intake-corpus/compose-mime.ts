/** Writes a generated email as RFC 5322 bytes in a chosen charset and transfer encoding. */

export type Charset = 'utf-8' | 'iso-8859-1' | 'windows-1252';
export type TransferEncoding = '7bit' | '8bit' | 'quoted-printable' | 'base64';

export interface MimePart {
  type: 'text/plain' | 'text/html';
  body: string;
}

export interface ComposeOptions {
  from: string;
  to: string;
  subject: string;
  date: string;
  messageId: string;
  parts: MimePart[];
  charset: Charset;
  encoding: TransferEncoding;
}

// windows-1252 puts typographic punctuation in 0x80–0x9f, where ISO-8859-1 has controls.
const CP1252: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** The bytes of text in the charset, or null when a character has no byte there. */
export function encodeCharset(text: string, charset: Charset): Buffer | null {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (charset === 'windows-1252' && CP1252[ch] !== undefined) bytes.push(CP1252[ch]);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else return null;
  }
  return Buffer.from(bytes);
}

/** Quoted-printable (RFC 2045) of CRLF text: soft breaks keep lines at 76 characters. */
export function quotedPrintable(bytes: Buffer): string {
  const lines = bytes.toString('latin1').split('\r\n');
  return lines
    .map((line) => {
      let out = '';
      let width = 0;
      const chars = [...Buffer.from(line, 'latin1')];
      chars.forEach((byte, i) => {
        const last = i === chars.length - 1;
        const plain =
          (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
        const token = plain
          ? String.fromCharCode(byte)
          : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
        if (width + token.length > 75) {
          out += '=\r\n';
          width = 0;
        }
        out += token;
        width += token.length;
      });
      return out;
    })
    .join('\r\n');
}

function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** An RFC 2047 encoded word when the header text is not ASCII. */
export function encodeHeaderText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range test.
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function partBytes(part: MimePart, o: ComposeOptions): { headers: string[]; body: Buffer } {
  const text = part.body.replace(/\r?\n/g, '\r\n');
  const bytes = encodeCharset(text, o.charset);
  if (!bytes) throw new Error(`${o.charset} cannot hold this text`);
  const headers = [
    `Content-Type: ${part.type}; charset="${o.charset}"`,
    `Content-Transfer-Encoding: ${o.encoding}`,
  ];
  switch (o.encoding) {
    case '7bit':
    case '8bit':
      return { headers, body: bytes };
    case 'quoted-printable':
      return { headers, body: Buffer.from(quotedPrintable(bytes), 'latin1') };
    case 'base64':
      return { headers, body: Buffer.from(base64Lines(bytes), 'latin1') };
  }
}

/** A complete message: one part, or multipart/alternative when there are several. */
export function composeMime(o: ComposeOptions): Buffer {
  const top = [
    `From: ${o.from}`,
    `To: ${o.to}`,
    `Subject: ${encodeHeaderText(o.subject)}`,
    `Date: ${o.date}`,
    `Message-ID: ${o.messageId}`,
    'MIME-Version: 1.0',
  ];
  const chunks: Buffer[] = [];
  if (o.parts.length === 1) {
    const { headers, body } = partBytes(o.parts[0] as MimePart, o);
    chunks.push(Buffer.from(`${[...top, ...headers].join('\r\n')}\r\n\r\n`, 'latin1'), body);
  } else {
    const boundary = `=_corpus_${o.messageId.replace(/\W/g, '').slice(0, 24)}`;
    chunks.push(
      Buffer.from(
        `${[...top, `Content-Type: multipart/alternative; boundary="${boundary}"`].join('\r\n')}\r\n\r\n`,
        'latin1',
      ),
    );
    for (const part of o.parts) {
      const { headers, body } = partBytes(part, o);
      chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1'), body);
      chunks.push(Buffer.from('\r\n', 'latin1'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  }
  return Buffer.concat(chunks);
}
