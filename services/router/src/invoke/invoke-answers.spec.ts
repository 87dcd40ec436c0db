import { describe, expect, it } from 'vitest';
import type { InboundActivity } from '@herald/contracts';
import { fixture } from '@herald/testing';
import { invokeAnswer } from './invoke-answers.js';

const invoke = (name: string): InboundActivity => ({ ...fixture<InboundActivity>('invoke-adaptiveCard-action.json'), name });

describe('invokeAnswer', () => {
  it('answers an Action.Execute no feature owns with a message, not an error', () => {
    expect(invokeAnswer(fixture<InboundActivity>('invoke-adaptiveCard-action.json'))).toEqual({
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'This action is not available.' },
    });
  });

  it('answers dialogs with a message task, and a search with an empty result list', () => {
    expect(invokeAnswer(invoke('task/fetch')).body).toEqual({ task: { type: 'message', value: 'This dialog is not available.' } });
    expect(invokeAnswer(invoke('task/submit')).status).toBe(200);
    expect(invokeAnswer(invoke('composeExtension/query')).body).toEqual({
      composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] },
    });
    expect(invokeAnswer(invoke('composeExtension/fetchTask')).body).toMatchObject({ composeExtension: { type: 'message' } });
  });

  it('acknowledges file consent, and answers an unknown invoke 501 as botbuilder does', () => {
    expect(invokeAnswer(invoke('fileConsent/invoke'))).toEqual({ status: 200 });
    expect(invokeAnswer(invoke('actionableMessage/executeAction'))).toEqual({ status: 501 });
  });
});
