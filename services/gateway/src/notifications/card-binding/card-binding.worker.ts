/**
 * A card binder: a process of its own (card-binding.process.ts forks it) that binds Adaptive
 * Card templates to their data, one at a time, with a small V8 heap. A template that runs away
 * (lists within lists, `range(0, 10000000)`) exhausts this process or its deadline, never the
 * gateway's. Node runs this file as it is under the tests (type stripping) and compiled in dist/:
 * it imports no file of ours, and its types are erasable.
 */
import * as templating from 'adaptivecards-templating';
import type { BindRequest, BinderAnswer } from './card-binding.protocol.js';

const send = (answer: BinderAnswer) => process.send?.(answer);

process.on('message', (request: BindRequest) => send(bind(request)));
// The gateway is gone (ended, or killed with SIGKILL): so is its binder.
process.on('disconnect', () => process.exit(0));
// The first binding parses the expression grammar and warms the JIT (a few hundred ms): before
// the binder says it is ready, not while a caller waits.
bind({ id: 0, card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', $data: '${list}', $when: '${count(list) > 0}', text: '${if(a, concat(b, string(c)), "")}' }] }, data: { list: [1], a: true, b: 'x', c: 1 }, maxChars: 1_000 });
send({ kind: 'ready' });

function bind({ id, card, data, maxChars }: BindRequest): BinderAnswer {
  let json: string | undefined;
  try {
    json = JSON.stringify(new templating.Template(card).expand({ $root: data }));
  } catch (error) {
    return { id, kind: 'failed', message: String((error as Error | undefined)?.message ?? error).slice(0, 200) };
  }
  // A false root `$when` binds to nothing at all.
  if (json === undefined) return { id, kind: 'bound', json: 'null' };
  return json.length > maxChars ? { id, kind: 'too-large' } : { id, kind: 'bound', json };
}
