import { describe, it } from 'vitest';
import { syncContract } from './sync.contract';
import { httpTarget } from './httpTarget';
import { shouldRun } from '../support/env';

if (shouldRun('postgres')) syncContract('real server over HTTP on PostgreSQL (fresh schema)', () => httpTarget('pg'));
else describe('sync protocol contract on PostgreSQL', () => it('skipped outside CI: no PostgreSQL at 127.0.0.1:5432', () => undefined));
