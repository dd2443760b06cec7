import { syncContract } from './sync.contract';
import { httpTarget } from './httpTarget';

syncContract('real server over HTTP on PGlite in memory', () => httpTarget('memory'));
