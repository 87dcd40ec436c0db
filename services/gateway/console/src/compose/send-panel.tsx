import { Button, Field, Input, Radio, RadioGroup, Switch, Text } from '@fluentui/react-components';
import type { ConsoleSend } from '@herald/contracts';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { pageStyles } from '../pages/page-styles.js';
import { authorTimeZone, localInputOf, sendAtOf } from './send-time.js';

interface Props {
  needsApproval: boolean;
  onNeedsApproval: (on: boolean) => void;
  onSend: (send: ConsoleSend) => void;
  busy: boolean;
  blocked: boolean;
}

/** Send now, or schedule at a time in the author's time zone; optionally only after another author approves. */
export function SendPanel({ needsApproval, onNeedsApproval, onSend, busy, blocked }: Props) {
  const { t } = useI18n();
  const styles = pageStyles();
  const timeZone = authorTimeZone();
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [local, setLocal] = useState(() => localInputOf(new Date(Date.now() + 60 * 60_000)));
  const sendAt = when === 'later' ? sendAtOf(local) : null;
  const invalidTime = when === 'later' && (sendAt === null || Date.parse(sendAt) <= Date.now());
  const label = needsApproval ? t('send.submit') : when === 'now' ? t('send.now') : t('send.schedule');
  return (
    <section className={styles.section} aria-labelledby="send-heading" data-testid="send-panel">
      <h2 id="send-heading">{t('send.title')}</h2>
      <Switch checked={needsApproval} onChange={(_, data) => onNeedsApproval(data.checked)} label={t('send.needsApproval')} data-testid="send-needs-approval" />
      <RadioGroup value={when} onChange={(_, data) => setWhen(data.value as 'now' | 'later')} aria-label={t('send.when')} data-testid="send-when">
        <Radio value="now" label={t('send.whenNow')} data-testid="send-when-now" />
        <Radio value="later" label={t('send.whenLater')} data-testid="send-when-later" />
      </RadioGroup>
      {when === 'later' && (
        <Field label={t('send.at')} validationMessage={invalidTime ? t('send.timeInPast') : undefined} validationState={invalidTime ? 'error' : 'none'}>
          <Input type="datetime-local" value={local} onChange={(_, data) => setLocal(data.value)} data-testid="send-at" />
        </Field>
      )}
      {when === 'later' && <Text className={styles.muted} data-testid="send-time-zone">{t('send.timeZone', { timeZone })}</Text>}
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy || blocked || invalidTime} onClick={() => onSend(sendAt ? { sendAt, timeZone } : { timeZone })} data-testid="send-button">
          {label}
        </Button>
      </div>
    </section>
  );
}
