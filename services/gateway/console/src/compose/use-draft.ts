import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleMessageView } from '@herald/contracts';
import type { ConsoleApi } from '../api/console-api.js';
import { ApiError, type FieldProblem } from '../api/problem.js';
import { draftOf, emptyForm, formOf, type DraftForm } from './draft-form.js';

const AUTOSAVE_AFTER_MS = 2_000;

export type SaveState = 'new' | 'saved' | 'unsaved' | 'saving' | 'failed';

/** A draft just created, handed to the page that edits it (its address changes): no reload, no flicker. */
const justCreated = new Map<string, { version: number; form: DraftForm }>();

/**
 * The draft being composed: loaded (`GET /messages/{id}`), created on first save, then saved with
 * its version (`PUT`) — by the Save button, and by itself two seconds after the author stops typing.
 */
export function useDraft(api: ConsoleApi, id: string | undefined) {
  const [handedOver] = useState(() => (id ? justCreated.get(id) : undefined));
  const [form, setForm] = useState<DraftForm>(() => handedOver?.form ?? emptyForm());
  const [message, setMessage] = useState<ConsoleMessageView | null>(null);
  const [saveState, setSaveState] = useState<SaveState>(id ? 'saved' : 'new');
  const [apiProblems, setApiProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const current = useRef({ id, version: handedOver?.version ?? 0, form });
  current.current.form = form;
  // One save at a time: a second (autosave, then Send) waits for the first and its new version.
  const saving = useRef<Promise<string | null>>(Promise.resolve(null));

  useEffect(() => {
    if (!id || handedOver) return;
    api.message(id).then((loaded) => {
      setMessage(loaded);
      setForm(formOf(loaded.draft));
      current.current = { id, version: loaded.version, form: formOf(loaded.draft) };
    }, setError);
  }, [api, id, handedOver]);

  const update = useCallback((change: Partial<DraftForm>) => {
    setForm((previous) => ({ ...previous, ...change }));
    setSaveState((state) => (state === 'new' ? 'new' : 'unsaved'));
  }, []);

  const saveOnce = useCallback(async (): Promise<string | null> => {
    const { draft, problems } = draftOf(current.current.form);
    if (problems.length > 0) return null;
    setSaveState('saving');
    try {
      const created = !current.current.id;
      const saved = current.current.id ? await api.update(current.current.id, draft, current.current.version) : await api.create(draft);
      current.current = { ...current.current, id: saved.id, version: saved.version };
      if (created) justCreated.set(saved.id, { version: saved.version, form: current.current.form });
      setSaveState('saved');
      setApiProblems([]);
      setError(null);
      return saved.id;
    } catch (failure) {
      setSaveState('failed');
      if (failure instanceof ApiError && failure.fieldProblems.length > 0) setApiProblems(failure.fieldProblems);
      else setError(failure);
      return null;
    }
  }, [api]);

  /** Saves now; the message's id once saved, or null when it cannot be (problems named). */
  const save = useCallback((): Promise<string | null> => {
    saving.current = saving.current.then(saveOnce, saveOnce);
    return saving.current;
  }, [saveOnce]);

  useEffect(() => {
    if (saveState !== 'unsaved' || !current.current.id) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [form, saveState, save]);

  return { form, update, save, saveState, message, apiProblems, setApiProblems, error, setError, savedId: () => current.current.id };
}
