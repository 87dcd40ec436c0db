import { describe, expect, it } from 'vitest';
import { draftOf, emptyForm } from './draft-form.js';
import { sendAtOf } from './send-time.js';

describe('draftOf', () => {
  it('names a JSON syntax error in the advanced card by field, line and column', () => {
    const { problems } = draftOf({ ...emptyForm(), advancedMode: true, advancedCard: '{\n  "type": "AdaptiveCard",\n  "body": [ { "type": "TextBlock" "text": "x" } ]\n}' });
    expect(problems).toEqual([{ field: 'advanced.card', message: expect.any(String), line: 3, column: expect.any(Number) }]);
  });

  it('wants an Adaptive Card and a JSON object of data', () => {
    const { problems } = draftOf({ ...emptyForm(), advancedMode: true, advancedCard: '{ "type": "Card" }', advancedData: '[1, 2]' });
    expect(problems.map((problem) => problem.field)).toEqual(['advanced.card', 'advanced.data']);
  });

  it('names http links and untitled buttons, field by field', () => {
    const { problems } = draftOf({ ...emptyForm(), title: 'Hi', imageUrl: 'http://contoso.example/a.png', buttons: [{ title: '', url: 'https://contoso.example' }, { title: 'Go', url: 'ftp://contoso.example' }] });
    expect(problems).toEqual([
      { field: 'imageUrl', message: 'https' },
      { field: 'buttons[0].title', message: 'required' },
      { field: 'buttons[1].url', message: 'https' },
    ]);
  });

  it('makes a draft of what was typed, leaving empty fields out', () => {
    expect(draftOf({ ...emptyForm(), title: 'Hello', body: '**Hi**' })).toEqual({
      draft: { title: 'Hello', body: '**Hi**', buttons: [], acknowledge: false, audience: { teams: [], teamMembers: [], groups: [], everyone: false }, needsApproval: false },
      problems: [],
    });
  });
});

describe('sendAtOf', () => {
  it("is the wall-clock time with the author's UTC offset at that moment", () => {
    const sendAt = sendAtOf('2026-07-01T09:30');
    expect(sendAt).toMatch(/^2026-07-01T09:30:00[+-]\d{2}:\d{2}$/);
    expect(new Date(sendAt!).getTime()).toBe(new Date(2026, 6, 1, 9, 30).getTime());
  });

  it('is null for anything but a datetime-local value', () => {
    expect(sendAtOf('')).toBeNull();
    expect(sendAtOf('tomorrow')).toBeNull();
  });
});
