// dist/ served by `vite preview` with COOP/COEP: the threaded build must run.
import { abtestSuite } from './abtest-suite.js';
import { budgetSuite } from './budget-suite.js';
import { dcmSuite } from './dcm-suite.js';
import { shapleySuite } from './shapley-suite.js';
import { upliftSuite } from './uplift-suite.js';
import { segmentSuite } from './segment-suite.js';
import { mmmSuite } from './mmm-suite.js';
import { startPreview } from './support.js';

abtestSuite({ label: 'vite preview (cross-origin isolated)', startServer: startPreview, variant: 'simd-threads', isolated: true });
shapleySuite({ label: 'vite preview (cross-origin isolated)', startServer: startPreview, variant: 'simd-threads' });
budgetSuite({ label: 'vite preview (cross-origin isolated)', startServer: startPreview, variant: 'simd-threads' });
dcmSuite({ label: 'vite preview (cross-origin isolated)', startServer: startPreview, variant: 'simd-threads' });
upliftSuite({ label: 'vite preview (cross-origin isolated)', startServer: startPreview, variant: 'simd-threads' });
segmentSuite({ label: 'vite preview (cross-origin isolated)', startServer: startPreview, variant: 'simd-threads', parts: ['sim'] });
mmmSuite({ label: 'vite preview (cross-origin isolated)', startServer: startPreview, variant: 'simd-threads', parts: ['sim'] });
