import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { settleJobs } from './pg-boss-queue.js';

const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as Record<string, (schema: string) => string>;

describe('recording the end of a job while the database restarts', () => {
  const lost = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

  test("pg-boss's complete and fail by id are retried until the database answers; nothing else is", async () => {
    for (const sql of [plans['completeJobs']!('pgboss'), plans['failJobsById']!('pgboss')]) {
      let calls = 0;
      const run = settleJobs(async () => {
        if (++calls < 3) throw lost();
        return { rows: [{ count: '1' }] };
      }, 10_000);
      expect(await run(sql, [])).toEqual({ rows: [{ count: '1' }] });
      expect(calls).toBe(3);
    }
    let fetches = 0;
    const fetch = settleJobs(async () => {
      fetches++;
      throw lost();
    }, 10_000);
    await expect(fetch(plans['fetchNextJob']!('pgboss'), [])).rejects.toThrow('administrator command');
    await expect(fetch(plans['failJobsByTimeout']!('pgboss'), [])).rejects.toThrow('administrator command');
    expect(fetches).toBe(2);
  });

  test('given up after the bound (or at once for an error that will not pass): logged, not thrown', async () => {
    const logged: string[] = [];
    const log = { error: (_o: object, msg: string) => void logged.push(msg) };
    const down = settleJobs(async () => { throw lost(); }, 150, log);
    expect(await down(plans['completeJobs']!('pgboss'), [])).toEqual({ rows: [{ count: '0' }] });
    const bad = settleJobs(async () => { throw Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }); }, 10_000, log);
    expect(await bad(plans['failJobsById']!('pgboss'), [])).toEqual({ rows: [{ count: '0' }] });
    expect(logged).toHaveLength(2);
  });
});
