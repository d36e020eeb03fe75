/**
 * The Block Kit checker: what Slack accepts, each limit worded as Slack words it, and views.
 * One file (~400 lines) because it mirrors block-kit-rules.ts and shares its block helpers.
 */
import { describe, expect, it } from 'vitest';
import { BLOCK_KIT_LIMITS, checkBlocks, checkView } from '../../src/block-kit-rules.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const x = (n: number) => 'x'.repeat(n);
const section = (text = 'Hello') => ({ type: 'section', text: mrkdwn(text) });
const button = (overrides: Record<string, unknown> = {}) => ({
  type: 'button',
  text: plain('Approve'),
  action_id: 'approve',
  ...overrides,
});
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const select = (options: unknown[]) => ({
  type: 'static_select',
  action_id: 'pick',
  placeholder: plain('Pick one'),
  options,
});
const option = (text: string, value: string) => ({ text: plain(text), value });
const input = (element: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  type: 'input',
  block_id: 'in',
  label: plain('Guest name'),
  element,
  ...overrides,
});
const textInput = (overrides: Record<string, unknown> = {}) => ({
  type: 'plain_text_input',
  action_id: 'value',
  ...overrides,
});
const modal = (overrides: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: plain('New charter'),
  submit: plain('Approve'),
  close: plain('Cancel'),
  blocks: [input(textInput())],
  ...overrides,
});

describe('checkBlocks: what Slack accepts', () => {
  it('accepts a typical message and a typical modal', () => {
    const blocks = [
      { type: 'header', text: plain('New booking') },
      { type: 'section', block_id: 'summary', fields: [mrkdwn('*Guests*\n6')] },
      { type: 'context', elements: [mrkdwn('Missing: nothing')] },
      { type: 'divider' },
      actions(button({ style: 'primary', value: 'BK1' }), button({ action_id: 'dismiss' })),
    ];
    expect(checkBlocks(blocks, 'message')).toEqual([]);
    expect(checkView(modal())).toEqual([]);
  });

  it('accepts every limit exactly at its maximum', () => {
    const blocks = [
      { type: 'section', block_id: x(255), text: mrkdwn(x(3000)) },
      { type: 'section', fields: Array.from({ length: 10 }, () => mrkdwn(x(2000))) },
      { type: 'header', text: plain(x(150)) },
      { type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn('a')) },
      actions(
        ...Array.from({ length: 24 }, (_, i) => button({ action_id: `b${i}` })),
        button({ text: plain(x(75)), action_id: x(255), value: x(2000), url: x(3000) }),
      ),
      actions(
        select([
          ...Array.from({ length: 99 }, (_, i) => option(`o${i}`, `v${i}`)),
          option(x(75), x(150)),
        ]),
      ),
    ];
    expect(checkBlocks(blocks, 'message')).toEqual([]);
    expect(
      checkBlocks(
        Array.from({ length: 50 }, () => section()),
        'message',
      ),
    ).toEqual([]);
    expect(
      checkView(
        modal({
          title: plain(x(24)),
          submit: plain(x(24)),
          close: plain(x(24)),
          private_metadata: x(3000),
          callback_id: x(255),
          blocks: [
            input(textInput({ max_length: 3000, placeholder: plain(x(150)) }), {
              label: plain(x(2000)),
              hint: plain(x(2000)),
            }),
            ...Array.from({ length: 99 }, () => section()),
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe('checkBlocks: each limit, worded as Slack words it', () => {
  const cases: [string, unknown[], 'message' | 'modal' | 'home', string[]][] = [
    [
      'more than 50 blocks in a message',
      Array.from({ length: 51 }, () => section()),
      'message',
      ['no more than 50 items allowed [json-pointer:/blocks]'],
    ],
    [
      'more than 100 blocks in a modal',
      Array.from({ length: 101 }, () => section()),
      'modal',
      ['no more than 100 items allowed [json-pointer:/blocks]'],
    ],
    [
      'more than 100 blocks on the Home tab',
      Array.from({ length: 101 }, () => section()),
      'home',
      ['no more than 100 items allowed [json-pointer:/blocks]'],
    ],
    [
      'a block_id over 255 characters',
      [{ ...section(), block_id: x(256) }],
      'message',
      ['must be less than 256 characters [json-pointer:/blocks/0/block_id]'],
    ],
    [
      'a block_id used twice',
      [
        { ...section(), block_id: 'same' },
        { ...section(), block_id: 'same' },
      ],
      'message',
      ['duplicate block_id "same" [json-pointer:/blocks/1/block_id]'],
    ],
    [
      'section text over 3000 characters',
      [section(x(3001))],
      'message',
      ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    ],
    [
      'empty section text',
      [section('')],
      'message',
      ['must be more than 0 characters [json-pointer:/blocks/0/text/text]'],
    ],
    [
      'a section with neither text nor fields',
      [{ type: 'section' }],
      'message',
      ['must provide text or fields [json-pointer:/blocks/0]'],
    ],
    [
      'more than 10 section fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('a')) }],
      'message',
      ['no more than 10 items allowed [json-pointer:/blocks/0/fields]'],
    ],
    [
      'a section field over 2000 characters',
      [{ type: 'section', fields: [mrkdwn(x(2001))] }],
      'message',
      ['must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]'],
    ],
    [
      'header text over 150 characters',
      [{ type: 'header', text: plain(x(151)) }],
      'message',
      ['must be less than 151 characters [json-pointer:/blocks/0/text/text]'],
    ],
    [
      'a mrkdwn header',
      [{ type: 'header', text: mrkdwn('*New*') }],
      'message',
      ['must be plain_text [json-pointer:/blocks/0/text/type]'],
    ],
    [
      'more than 10 context elements',
      [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('a')) }],
      'message',
      ['no more than 10 items allowed [json-pointer:/blocks/0/elements]'],
    ],
    [
      'more than 25 actions elements',
      [actions(...Array.from({ length: 26 }, (_, i) => button({ action_id: `b${i}` })))],
      'message',
      ['no more than 25 items allowed [json-pointer:/blocks/0/elements]'],
    ],
    [
      'button text over 75 characters',
      [actions(button({ text: plain(x(76)) }))],
      'message',
      ['must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]'],
    ],
    [
      'an action_id over 255 characters',
      [actions(button({ action_id: x(256) }))],
      'message',
      ['must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]'],
    ],
    [
      'an action_id used twice in one block',
      [actions(button(), button())],
      'message',
      ['duplicate action_id "approve" in this block [json-pointer:/blocks/0/elements/1/action_id]'],
    ],
    [
      'a button value over 2000 characters',
      [actions(button({ value: x(2001) }))],
      'message',
      ['must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]'],
    ],
    [
      'a button url over 3000 characters',
      [actions(button({ url: x(3001) }))],
      'message',
      ['must be less than 3001 characters [json-pointer:/blocks/0/elements/0/url]'],
    ],
    [
      'a button style Slack does not have',
      [actions(button({ style: 'secondary' }))],
      'message',
      ['must be primary or danger [json-pointer:/blocks/0/elements/0/style]'],
    ],
    [
      'more than 100 select options',
      [actions(select(Array.from({ length: 101 }, (_, i) => option(`o${i}`, `v${i}`))))],
      'message',
      ['no more than 100 items allowed [json-pointer:/blocks/0/elements/0/options]'],
    ],
    [
      'option text over 75 characters',
      [actions(select([option(x(76), 'v')]))],
      'message',
      ['must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]'],
    ],
    [
      'option value over 150 characters',
      [actions(select([option('o', x(151))]))],
      'message',
      ['must be less than 151 characters [json-pointer:/blocks/0/elements/0/options/0/value]'],
    ],
    [
      'a static select without options',
      [actions({ type: 'static_select', action_id: 'pick' })],
      'message',
      ['missing required field: options [json-pointer:/blocks/0/elements/0]'],
    ],
    [
      'input label over 2000 characters',
      [input(textInput(), { label: plain(x(2001)) })],
      'modal',
      ['must be less than 2001 characters [json-pointer:/blocks/0/label/text]'],
    ],
    [
      'input hint over 2000 characters',
      [input(textInput(), { hint: plain(x(2001)) })],
      'modal',
      ['must be less than 2001 characters [json-pointer:/blocks/0/hint/text]'],
    ],
    [
      'a placeholder over 150 characters',
      [input(textInput({ placeholder: plain(x(151)) }))],
      'modal',
      ['must be less than 151 characters [json-pointer:/blocks/0/element/placeholder/text]'],
    ],
    [
      'plain_text_input max_length over 3000',
      [input(textInput({ max_length: 3001 }))],
      'modal',
      ['must be at most 3000 [json-pointer:/blocks/0/element/max_length]'],
    ],
    [
      'an input without a label',
      [{ type: 'input', element: textInput() }],
      'modal',
      ['missing required field: label [json-pointer:/blocks/0]'],
    ],
    [
      'an input element inside an actions block',
      [actions(textInput())],
      'message',
      [
        'element type "plain_text_input" is not allowed here [json-pointer:/blocks/0/elements/0/type]',
      ],
    ],
    [
      'a block type Slack does not know',
      [{ type: 'carousel' }],
      'message',
      ['unknown block type "carousel" [json-pointer:/blocks/0/type]'],
    ],
    [
      'a text object with a made-up type',
      [{ type: 'section', text: { type: 'html', text: '<b>x</b>' } }],
      'message',
      ['must be plain_text or mrkdwn [json-pointer:/blocks/0/text/type]'],
    ],
  ];

  it.each(cases)('%s', (_name, blocks, surface, problems) => {
    expect(checkBlocks(blocks, surface)).toEqual(problems);
  });

  it('reports every problem at once', () => {
    expect(
      checkBlocks([{ type: 'header', text: mrkdwn(x(151)) }, { type: 'carousel' }], 'message'),
    ).toEqual([
      'must be plain_text [json-pointer:/blocks/0/text/type]',
      'must be less than 151 characters [json-pointer:/blocks/0/text/text]',
      'unknown block type "carousel" [json-pointer:/blocks/1/type]',
    ]);
  });
});

describe('checkView', () => {
  const cases: [string, unknown, string[]][] = [
    [
      'a title over 24 characters',
      modal({ title: plain(x(25)) }),
      ['must be less than 25 characters [json-pointer:/view/title/text]'],
    ],
    [
      'a mrkdwn title',
      modal({ title: mrkdwn('New') }),
      ['must be plain_text [json-pointer:/view/title/type]'],
    ],
    [
      'no title',
      modal({ title: undefined }),
      ['missing required field: title [json-pointer:/view]'],
    ],
    [
      'submit text over 24 characters',
      modal({ submit: plain(x(25)) }),
      ['must be less than 25 characters [json-pointer:/view/submit/text]'],
    ],
    [
      'close text over 24 characters',
      modal({ close: plain(x(25)) }),
      ['must be less than 25 characters [json-pointer:/view/close/text]'],
    ],
    [
      'input blocks without a submit button',
      modal({ submit: undefined }),
      ['missing required field: submit (the view has input blocks) [json-pointer:/view]'],
    ],
    [
      'private_metadata over 3000 characters',
      modal({ private_metadata: x(3001) }),
      ['must be less than 3001 characters [json-pointer:/view/private_metadata]'],
    ],
    [
      'a callback_id over 255 characters',
      modal({ callback_id: x(256) }),
      ['must be less than 256 characters [json-pointer:/view/callback_id]'],
    ],
    [
      'an external_id over 255 characters',
      modal({ external_id: x(256) }),
      ['must be less than 256 characters [json-pointer:/view/external_id]'],
    ],
    [
      'more than 100 blocks',
      modal({ blocks: Array.from({ length: 101 }, () => section()) }),
      ['no more than 100 items allowed [json-pointer:/view/blocks]'],
    ],
    [
      'a bad block, pointed at under /view/blocks',
      modal({ blocks: [section(x(3001))] }),
      ['must be less than 3001 characters [json-pointer:/view/blocks/0/text/text]'],
    ],
    [
      'a view type Slack does not have',
      { type: 'workflow_step' },
      ['must be modal or home [json-pointer:/view/type]'],
    ],
    ['not an object', 'modal', ['must be an object [json-pointer:/view]']],
  ];

  it.each(cases)('%s', (_name, view, problems) => {
    expect(checkView(view)).toEqual(problems);
  });

  it('checks a Home tab without asking for a title', () => {
    expect(checkView({ type: 'home', blocks: [section()] })).toEqual([]);
    expect(
      checkView({ type: 'home', blocks: Array.from({ length: 101 }, () => section()) }),
    ).toEqual(['no more than 100 items allowed [json-pointer:/view/blocks]']);
  });

  it('names the limits it enforces', () => {
    expect(BLOCK_KIT_LIMITS).toMatchObject({
      messageBlocks: 50,
      surfaceBlocks: 100,
      messageText: 40_000,
      viewTitle: 24,
      sectionText: 3000,
    });
  });
});
