import type { ConsoleSend } from '@herald/contracts';
import { useState } from 'react';
import type { ConsoleApi } from '../api/console-api.js';
import { ApiError } from '../api/problem.js';
import { navigate } from '../app/router.js';
import type { useDraft } from './use-draft.js';

/** Sends (or schedules, or submits for approval) the draft: saved first, then followed on its status page; refusals named by field. */
export function useSendDraft(api: ConsoleApi, draft: ReturnType<typeof useDraft>) {
  const [sending, setSending] = useState(false);
  const send = async (when: ConsoleSend) => {
    setSending(true);
    const saved = await draft.save();
    if (saved) {
      try {
        await api.send(saved, when);
        navigate({ page: 'status', id: saved });
      } catch (failure) {
        if (failure instanceof ApiError && failure.fieldProblems.length > 0) draft.setApiProblems(failure.fieldProblems);
        else draft.setError(failure);
      }
    }
    setSending(false);
  };
  return { send, sending };
}
