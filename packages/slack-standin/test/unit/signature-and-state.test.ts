import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  buildAction,
  initialState,
  missingRequiredInputs,
  submittedValue,
  withGeneratedIds,
} from '../../src/block-state.ts';
import { signSlackRequest } from '../../src/slack-signature.ts';

describe('signSlackRequest', () => {
  it("reproduces the example in Slack's documentation", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it("passes Bolt's verifier, and a signature under another secret does not", () => {
    const now = 1_780_000_000;
    const body = '{"type":"event_callback"}';
    const verify = (signature: string) =>
      verifySlackRequest({
        signingSecret: 'secret',
        body,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': now },
        nowMilliseconds: now * 1000,
      });
    expect(() => verify(signSlackRequest('secret', body, now))).not.toThrow();
    expect(() => verify(signSlackRequest('other', body, now))).toThrow(/signature mismatch/);
  });
});

const crewSelect = {
  type: 'multi_static_select',
  action_id: 'crew',
  options: [
    { text: { type: 'plain_text', text: 'Ana' }, value: 'U1' },
    { text: { type: 'plain_text', text: 'Ben' }, value: 'U2' },
  ],
  initial_options: [{ text: { type: 'plain_text', text: 'Ana' }, value: 'U1' }],
};
const blocks = [
  { type: 'input', block_id: 'guest', element: { type: 'plain_text_input', action_id: 'name' } },
  { type: 'input', block_id: 'crew', element: crewSelect },
  { type: 'input', block_id: 'date', element: { type: 'datepicker', action_id: 'date' } },
  {
    type: 'input',
    block_id: 'notes',
    optional: true,
    element: { type: 'plain_text_input', action_id: 'notes' },
  },
  {
    type: 'actions',
    elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' }, value: 'BK1' }],
  },
];

describe('block state', () => {
  it('fills in the block_id and action_id Slack generates', () => {
    const filled = withGeneratedIds(blocks, () => 'gen01') as Record<string, unknown>[];
    expect(filled[4]).toMatchObject({ block_id: 'gen01', elements: [{ action_id: 'gen01' }] });
    expect(filled[0]).toMatchObject({ block_id: 'guest' });
    expect(blocks[4]).not.toHaveProperty('block_id');
  });

  it('starts from the initial values and keeps entered ones across an update', () => {
    const start = initialState(blocks);
    expect(start).toEqual({
      guest: { name: { type: 'plain_text_input', value: null } },
      crew: { crew: { type: 'multi_static_select', selected_options: [crewSelect.options[0]] } },
      date: { date: { type: 'datepicker', selected_date: null } },
      notes: { notes: { type: 'plain_text_input', value: null } },
    });
    const kept = initialState(blocks, {
      ...start,
      guest: { name: { type: 'plain_text_input', value: 'Sam' } },
    });
    expect(kept.guest).toEqual({ name: { type: 'plain_text_input', value: 'Sam' } });
  });

  it('turns plain test values into Slack values, and says when a value is not an option', () => {
    expect(submittedValue(crewSelect, ['U2'], 'crew')).toEqual({
      type: 'multi_static_select',
      selected_options: [crewSelect.options[1]],
    });
    expect(submittedValue({ type: 'datepicker' }, '2026-06-02', 'date')).toEqual({
      type: 'datepicker',
      selected_date: '2026-06-02',
    });
    expect(() => submittedValue(crewSelect, ['U9'], 'crew')).toThrow(
      'crew: no option with value "U9" (options: U1, U2)',
    );
  });

  it('lists required inputs still empty', () => {
    expect(missingRequiredInputs(blocks, initialState(blocks))).toEqual(['guest', 'date']);
  });

  it("builds a button's action from the button itself", () => {
    const element = { type: 'button', text: { type: 'plain_text', text: 'Go' }, value: 'BK1' };
    const input = { blockId: 'b', actionId: 'go' };
    expect(buildAction(element, input, '1.000001')).toEqual({
      action: {
        type: 'button',
        block_id: 'b',
        action_id: 'go',
        action_ts: '1.000001',
        text: element.text,
        value: 'BK1',
      },
      state: undefined,
    });
    expect(() => buildAction(element, { ...input, value: 'BK2' }, '1.000001')).toThrow(
      `b/go: the button's value is "BK1", not "BK2"`,
    );
  });
});
