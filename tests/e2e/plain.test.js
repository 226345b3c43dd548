// dist/ from a static server without COOP/COEP: the single-thread build must run.
import { abtestSuite } from './abtest-suite.js';
import { homeSuite } from './home-suite.js';
import { budgetSuite } from './budget-suite.js';
import { dcmSuite } from './dcm-suite.js';
import { shapleySuite } from './shapley-suite.js';
import { upliftSuite } from './uplift-suite.js';
import { segmentSuite } from './segment-suite.js';
import { mmmSuite } from './mmm-suite.js';
import { startPlain } from './support.js';

abtestSuite({ label: 'plain static server (not isolated)', startServer: startPlain, variant: 'simd', isolated: false });
shapleySuite({ label: 'plain static server (not isolated)', startServer: startPlain, variant: 'simd' });
budgetSuite({ label: 'plain static server (not isolated)', startServer: startPlain, variant: 'simd' });
dcmSuite({ label: 'plain static server (not isolated)', startServer: startPlain, variant: 'simd' });
upliftSuite({ label: 'plain static server (not isolated)', startServer: startPlain, variant: 'simd' });
homeSuite({ label: 'plain static server (not isolated)', startServer: startPlain });
segmentSuite({ label: 'plain static server (not isolated)', startServer: startPlain, variant: 'simd' });
mmmSuite({ label: 'plain static server (not isolated)', startServer: startPlain, variant: 'simd' });
