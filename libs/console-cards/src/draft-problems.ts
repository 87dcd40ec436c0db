import type { ConsoleDraft } from '@herald/contracts';

/** One thing to fix before a draft can be sent, named by its field (`title`, `audience`, `advanced.card.body[2].url`, …). */
export interface DraftProblem {
  field: string;
  message: string;
}

/**
 * What stops a (schema-valid) draft from being sent: nothing to show, nobody to send it to, or an
 * advanced card without a body. The console also names the renderer's own findings field by
 * field; the gateway refuses a send with these (422) whatever the console showed.
 */
export function draftProblems(draft: ConsoleDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (draft.advanced) {
    const body = draft.advanced.card['body'];
    if (!Array.isArray(body) || body.length === 0) problems.push({ field: 'advanced.card.body', message: 'the card has no body elements' });
  } else if (!draft.title.trim() && !draft.body?.trim() && !draft.summary?.trim()) {
    problems.push({ field: 'title', message: 'give a title, a summary or a body' });
  }
  const { teams, teamMembers, groups, everyone } = draft.audience;
  if (!everyone && teams.length + teamMembers.length + groups.length === 0) problems.push({ field: 'audience', message: 'choose at least one team, group, or everyone' });
  return problems;
}
