/** The corpus scorer behind `npm run intake:report`: wrong values are told apart from missing ones. */
import { describe, expect, it } from 'vitest';
import {
  criticalWrongCount,
  emptyScore,
  scoreCase,
  scoreField,
} from '../support/intake-corpus/score-intake-fields.ts';

describe('scoreField', () => {
  it('tells correct, missing and wrong apart', () => {
    expect(scoreField('2027-06-12', '2027-06-12')).toBe('correct');
    expect(scoreField(null, undefined)).toBe('correct');
    expect(scoreField('2027-06-12', null)).toBe('missing');
    expect(scoreField('2027-06-12', '2027-06-13')).toBe('wrong');
    // A value where the message states none is wrong, not "extra".
    expect(scoreField(null, '09:00')).toBe('wrong');
    expect(scoreField(0, null)).toBe('missing');
  });
});

describe('scoreCase', () => {
  it('counts wrong non-null values apart from missing ones, and the critical ones on their own', () => {
    const score = emptyScore();

    scoreCase(
      score,
      { kind: 'booking', date: '2027-06-12', startLocal: '09:00', guestName: 'Ana' },
      { kind: 'booking', date: '2027-06-13', startLocal: null, guestName: 'Ana', partySize: 4 },
      'case 1',
    );
    scoreCase(
      score,
      { kind: 'not_booking', date: null },
      { kind: 'booking', date: '2027-07-04' },
      'case 2',
    );

    expect(score.fields.get('date')).toEqual({
      scored: 2,
      correct: 0,
      missing: 0,
      wrongNonNull: 2,
      invented: 1,
    });
    expect(score.fields.get('startLocal')).toMatchObject({
      scored: 1,
      missing: 1,
      wrongNonNull: 0,
    });
    // partySize is not listed in case 1's expectation, so it is not scored.
    expect(score.fields.get('partySize')?.scored).toBe(0);
    expect(criticalWrongCount(score)).toBe(2);
    expect(score.confusions.get('kind: "not_booking" -> "booking"')).toEqual({
      count: 1,
      example: 'case 2',
    });
  });

  it('reports nothing critical for a perfect parse', () => {
    const score = emptyScore();
    const fields = { kind: 'booking', date: '2027-06-12', grossAmountCents: 0, payoutCents: null };

    expect(scoreCase(score, fields, { ...fields }, 'perfect')).toEqual([]);
    expect(criticalWrongCount(score)).toBe(0);
  });
});
