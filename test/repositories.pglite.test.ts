import { repositorySuite } from './repositories.suite.js';

repositorySuite('pglite');
