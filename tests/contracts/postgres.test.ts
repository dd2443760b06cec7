import { describe, it } from 'vitest';
import { syncContract } from './sync.contract';
import { httpTarget } from './httpTarget';
import { shouldRun } from '../support/env';

if (shouldRun('postgres')) syncContract('real server over HTTP on PostgreSQL (fresh schema)', () => httpTarget('pg'));
// outside CI without PostgreSQL the file reports itself skipped (in CI it always runs)
else describe.skip('sync protocol contract on PostgreSQL (no PostgreSQL at 127.0.0.1:5432)', () => it.skip('needs PostgreSQL'));
