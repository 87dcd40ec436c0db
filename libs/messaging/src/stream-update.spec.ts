import { describe, expect, it } from 'vitest';
import { keptSettings } from './stream-update.js';

const DAY = 86_400e9;
const herald = { num_replicas: 1, max_age: 14 * DAY, duplicate_window: 600e9 };

describe('keptSettings', () => {
  it("keeps an operator's R3 when Herald's configuration says 1", () => {
    expect(keptSettings({ ...herald, num_replicas: 3 }, herald).num_replicas).toBe(3);
  });

  it('raises the replicas when the configuration asks for more', () => {
    expect(keptSettings(herald, { ...herald, num_replicas: 3 }).num_replicas).toBe(3);
  });

  it('never shortens a retention or a de-duplication window an operator lengthened', () => {
    expect(keptSettings({ ...herald, max_age: 30 * DAY, duplicate_window: 3_600e9 }, herald)).toMatchObject({ max_age: 30 * DAY, duplicate_window: 3_600e9 });
  });

  it('treats a max age of 0 as for ever, on either side', () => {
    expect(keptSettings({ ...herald, max_age: 0 }, herald).max_age).toBe(0);
    expect(keptSettings(herald, { ...herald, max_age: 0 }).max_age).toBe(0);
  });

  it("applies Herald's values where the stream has less", () => {
    expect(keptSettings({ num_replicas: 1, max_age: DAY, duplicate_window: 60e9 }, herald)).toEqual(herald);
  });
});
