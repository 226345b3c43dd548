// The Shapley page's entry: start the engine first (boot.js), then load the page (page.js, with its charts).
import './boot.js';

import('./page.js').catch((error) => {
  document.getElementById('placeholder').textContent = `The page could not load (${error.message}); reload to try again.`;
});
